// The annotation line printed under each tcpdump line: what the packet does
// for its connection, in words, and the endpoint state changes it causes.
// Every such line starts with kAnnotationMarker, so `grep -v '^    | '`
// gives back the plain tcpdump lines.
#pragma once
#include <string>

#include "tcplens/core/ip_address.hpp"
#include "tcplens/events/packet_report.hpp"
#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

inline constexpr std::string_view kAnnotationMarker = "    | ";

struct EndpointNames {
  std::string orig;  // "192.168.0.112:59444" ("[2001:db8::1]:80" for IPv6)
  std::string resp;
  [[nodiscard]] const std::string& of(Role r) const { return r == Role::orig ? orig : resp; }
};

struct TextStyle {
  bool color = false;
};

// What the packet means, without marker or newline (also used by timeline).
void render_annotation_text(TextBuffer& out, const PacketReport& report, const EndpointNames& names,
                            const TextStyle& style);
// Marker, text, newline.
void render_annotation_line(TextBuffer& out, const PacketReport& report, const EndpointNames& names,
                            const TextStyle& style);

// "10.0.0.1:80", "[::1]:80": appended to any fmt buffer (flows rows build
// cells without a heap allocation), or as a string.
template <typename Buffer>
void append_endpoint(Buffer& out, const IpAddress& address, std::uint16_t port) {
  const IpText text = address.text();
  if (address.family == IpFamily::v6) out.push_back('[');
  out.append(text.view());
  if (address.family == IpFamily::v6) out.push_back(']');
  out.push_back(':');
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), port);
}
std::string endpoint_text(const IpAddress& address, std::uint16_t port);

}  // namespace tcplens
