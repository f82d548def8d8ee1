package io.hannahanna.hn.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 subnet in CIDR form (`172.28.0.0/16`, `fd00:1::/64`), with the arithmetic hn
 * needs to move a network's fixed addresses into another subnet of the same size.
 *
 * @param network the first address, as a number
 * @param prefix the prefix length
 * @param bits 32 (IPv4) or 128 (IPv6)
 */
public record Subnet(BigInteger network, int prefix, int bits) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /** Reads `address/prefix`; the address must be the subnet's first. */
  public static Subnet parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a subnet like 172.28.0.0/16");
    }
    byte[] address = literal(text.substring(0, slash));
    int bits = address.length * 8;
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("'" + text + "' has no prefix length 0-" + bits);
    }
    Subnet subnet = new Subnet(new BigInteger(1, address), prefix, bits);
    if (!subnet.network.equals(subnet.network.andNot(subnet.size().subtract(BigInteger.ONE)))) {
      throw new IllegalArgumentException(
          "'" + text + "' is not the first address of its subnet (" + subnet.aligned() + ")");
    }
    return subnet;
  }

  /** How many addresses the subnet holds. */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(bits - prefix);
  }

  public BigInteger last() {
    return network.add(size()).subtract(BigInteger.ONE);
  }

  public boolean sameFamily(Subnet other) {
    return bits == other.bits;
  }

  public boolean overlaps(Subnet other) {
    return sameFamily(other)
        && network.compareTo(other.last()) <= 0
        && other.network.compareTo(last()) <= 0;
  }

  /** Whether an address (as a number of this family) lies in the subnet. */
  boolean contains(BigInteger address) {
    return address.compareTo(network) >= 0 && address.compareTo(last()) <= 0;
  }

  /** Whether the text is an address of this subnet. */
  public boolean contains(String address) {
    byte[] bytes = literal(address);
    return bytes.length * 8 == bits && contains(new BigInteger(1, bytes));
  }

  /** The address at an offset from the subnet's first, as text. */
  public String address(BigInteger offset) {
    return format(network.add(offset), bits);
  }

  /** The address at the same offset in another subnet: `172.28.5.10` of /16 → `10.160.5.10`. */
  public String move(String address, Subnet to) {
    if (!contains(address)) {
      throw new IllegalArgumentException(address + " is not in " + this);
    }
    return to.address(new BigInteger(1, literal(address)).subtract(network));
  }

  /** A subnet inside this one (an `ip_range`) at the same offset in another subnet. */
  public Subnet moveSubnet(Subnet inner, Subnet to) {
    return new Subnet(
        new BigInteger(1, literal(move(format(inner.network, bits), to))), inner.prefix, bits);
  }

  /** The subnet of the same size that starts at the given address (aligned down). */
  public Subnet at(BigInteger start) {
    return new Subnet(start.andNot(size().subtract(BigInteger.ONE)), prefix, bits);
  }

  private Subnet aligned() {
    return at(network);
  }

  @Override
  public String toString() {
    return format(network, bits) + "/" + prefix;
  }

  private static byte[] literal(String text) {
    // only literals reach InetAddress, so it never asks a name server
    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address");
    }
  }

  private static String format(BigInteger value, int bits) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[bits / 8];
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    if (bits == 32) {
      return (bytes[0] & 0xff)
          + "."
          + (bytes[1] & 0xff)
          + "."
          + (bytes[2] & 0xff)
          + "."
          + (bytes[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // RFC 5952: the longest run of two or more zero groups becomes "::"
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
