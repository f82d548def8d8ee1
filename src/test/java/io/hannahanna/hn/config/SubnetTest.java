package io.hannahanna.hn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SubnetTest {

  @Test
  void readsAndPrintsIpv4AndIpv6InCanonicalForm() {
    assertEquals("172.28.0.0/16", Subnet.parse("172.28.0.0/16").toString());
    assertEquals("fd00:1::/64", Subnet.parse("fd00:0001:0:0::/64").toString());
    assertEquals(32, Subnet.parse("10.0.0.0/8").bits());
    assertEquals(128, Subnet.parse("fd00::/64").bits());
  }

  @Test
  void refusesWhatIsNotASubnet() {
    for (String bad :
        new String[] {
          "172.28.0.0",
          "172.28.0.1/16",
          "300.1.1.1/8",
          "10.0.0.0/33",
          "x/8",
          "",
          "example.com/24",
          "10.0.0.0/-1",
          "fd00::/129"
        }) {
      assertThrows(IllegalArgumentException.class, () -> Subnet.parse(bad), bad);
    }
  }

  @Test
  void movesAnAddressToTheSameOffsetInAnotherSubnet() {
    Subnet base = Subnet.parse("172.28.0.0/16");
    Subnet own = Subnet.parse("10.160.0.0/16");
    assertEquals("10.160.5.10", base.move("172.28.5.10", own));
    assertEquals("10.160.5.0/24", base.moveSubnet(Subnet.parse("172.28.5.0/24"), own).toString());
    assertEquals(
        "fd68:6e00:0:1::10",
        Subnet.parse("fd00:1::/64").move("fd00:1::10", Subnet.parse("fd68:6e00:0:1::/64")));
    assertOutsideRefused(base, own);
  }

  private static void assertOutsideRefused(Subnet base, Subnet own) {
    assertThrows(IllegalArgumentException.class, () -> base.move("10.1.2.3", own));
  }

  @Test
  void knowsWhenTwoSubnetsOverlap() {
    Subnet wide = Subnet.parse("10.160.0.0/11");
    assertTrue(wide.overlaps(Subnet.parse("10.170.3.0/24")));
    assertTrue(Subnet.parse("10.170.3.0/24").overlaps(wide));
    assertFalse(wide.overlaps(Subnet.parse("10.192.0.0/16")));
    assertFalse(wide.overlaps(Subnet.parse("fd00::/8")));
    assertEquals(BigInteger.valueOf(65536), Subnet.parse("10.0.0.0/16").size());
    assertEquals(
        "10.160.255.255", Subnet.parse("10.160.0.0/16").address(BigInteger.valueOf(65535)));
  }
}
