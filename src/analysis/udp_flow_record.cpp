#include "tcplens/analysis/udp_flow_record.hpp"

#include "tcplens/analysis/connection_uid.hpp"
#include "tcplens/analysis/local_networks.hpp"
#include "tcplens/decode/udp_header.hpp"

namespace tcplens {

std::string_view udp_conn_state(bool orig_sent, bool resp_sent) {
  if (orig_sent) return resp_sent ? "SF" : "S0";
  return resp_sent ? "SHR" : "OTH";
}

FlowRecord make_udp_flow_record(const UdpFlow& u) {
  FlowRecord f;
  f.proto = "udp";
  f.ip_proto = kIpProtocolUdp;
  f.stream = u.stream;
  f.ts = u.first_seen;
  f.last_ts = u.last_seen;
  f.orig_h = u.orig_h;
  f.orig_p = u.orig_p;
  f.resp_h = u.resp_h;
  f.resp_p = u.resp_p;
  f.duration = u.last_seen.seconds() - u.first_seen.seconds();
  f.orig_pkts = u.packets[0];
  f.resp_pkts = u.packets[1];
  f.orig_bytes = u.payload[0];
  f.resp_bytes = u.payload[1];
  f.orig_ip_bytes = u.ip_bytes[0];
  f.resp_ip_bytes = u.ip_bytes[1];
  f.conn_state = udp_conn_state(u.packets[0] > 0, u.packets[1] > 0);
  f.history = u.history;
  f.first_frame = u.first_frame;
  f.uid = connection_uid({f.orig_h, f.orig_p, f.resp_h, f.resp_p, f.ip_proto, f.ts, f.first_frame});
  f.local_orig = in_private_address_space(f.orig_h);
  f.local_resp = in_private_address_space(f.resp_h);
  // Zeek's DNS analyzer is attached by the responder's port and confirms on
  // the first message it parses.
  if (f.resp_p == 53 || f.resp_p == 137 || f.resp_p == 5353 || f.resp_p == 5355) f.service = "dns";
  return f;
}

}  // namespace tcplens
