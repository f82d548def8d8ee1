package io.hannahanna.hn.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.Subnet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which subnet a network gets: the lowest free one of its size in the pool. */
class SubnetPoolTest {
  static final List<Subnet> POOLS = subnets("10.160.0.0/11", "fd68:6e00::/40");

  static List<Subnet> subnets(String... texts) {
    return Stream.of(texts).map(Subnet::parse).toList();
  }

  static String lowest(String base, String... taken) {
    return SubnetPool.lowestFree(POOLS, Subnet.parse(base), subnets(taken), "back").toString();
  }

  @Test
  void theFirstGetsTheStartOfThePoolInTheSizeTheFileAsks() {
    assertEquals("10.160.0.0/16", lowest("172.28.0.0/16"));
    assertEquals("10.160.0.0/24", lowest("192.168.5.0/24"));
    assertEquals("fd68:6e00::/64", lowest("fd00:5::/64"));
  }

  @Test
  void skipsWhatIsHeldOrUsedWhateverItsSize() {
    assertEquals("10.161.0.0/16", lowest("172.28.0.0/16", "10.160.0.0/16"));
    // a /24 held inside the first /16 makes the whole /16 unusable
    assertEquals("10.161.0.0/16", lowest("172.28.0.0/16", "10.160.200.0/24"));
    // a held /16 is skipped whole by a /24 request
    assertEquals("10.161.0.0/24", lowest("192.168.5.0/24", "10.160.0.0/16"));
    assertEquals("10.160.0.0/24", lowest("192.168.5.0/24", "10.160.1.0/24"));
    assertEquals("10.160.1.0/24", lowest("192.168.5.0/24", "10.160.0.0/24"));
    // the other family is not in the way
    assertEquals("fd68:6e00::/64", lowest("fd00:5::/64", "10.160.0.0/11"));
  }

  @Test
  void aFullPoolOrOneTooSmallSaysWhatToChange() {
    HnException full =
        assertThrows(HnException.class, () -> lowest("172.28.0.0/16", "10.160.0.0/11"));
    assertTrue(full.getMessage().contains("network 'back'"), full.getMessage());
    assertTrue(full.getMessage().contains("docker.networks.pool"), full.getMessage());
    HnException small = assertThrows(HnException.class, () -> lowest("10.0.0.0/8"));
    assertTrue(small.getMessage().contains("/8"), small.getMessage());
  }
}
