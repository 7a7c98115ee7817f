// What the TCP stage concluded about one segment: its numbers and states,
// annotations, state changes, Wireshark's verdicts, the stream bytes it made
// deliverable. events/packet_report.hpp adds what the application layer
// found; renderers read the whole.
#pragma once
#include <cstdint>
#include <vector>

#include "tcplens/decode/encapsulation.hpp"
#include "tcplens/decode/tcp_segment.hpp"
#include "tcplens/tcp/annotation.hpp"
#include "tcplens/tcp/segment_verdict.hpp"
#include "tcplens/tcp/stream_reassembler.hpp"

namespace tcplens {

struct SegmentReport {
  std::uint64_t frame = 0;
  std::uint64_t stream = 0;
  Role sender = Role::orig;
  std::uint8_t flags = 0;
  std::int64_t seq = 0;  // relative, SYN = 0
  std::int64_t ack = 0;
  bool has_ack = false;
  bool one_direction = false;  // the first pass saw only this connection's one direction
  std::uint32_t seq_abs = 0;
  std::uint32_t ack_abs = 0;
  std::uint32_t payload = 0;
  TcpState orig_state = TcpState::closed;
  TcpState resp_state = TcpState::closed;
  std::vector<Annotation> annotations;
  std::vector<StateChange> changes;
  SegmentVerdicts verdicts;  // Wireshark's tcp.analysis.* for this segment
  // Stream bytes this packet made deliverable, per direction (orig, resp):
  // its own payload in order, data that waited for it, gaps given up.
  std::vector<StreamChunk> chunks[2];
  // With a carried_in annotation: the connection's VLANs and tunnels (the flow table's).
  const std::vector<EncapLayer>* carriers = nullptr;

  // Relative number of the first payload byte (a SYN takes one number first),
  // and of the FIN after the payload.
  [[nodiscard]] std::int64_t payload_start() const { return seq + ((flags & tcp_flag::syn) != 0 ? 1 : 0); }
  [[nodiscard]] std::int64_t fin_position() const { return payload_start() + payload; }

  void reset() {
    annotations.clear();
    changes.clear();
    verdicts = {};
    chunks[0].clear();
    chunks[1].clear();
    carriers = nullptr;
  }
  void add(const Annotation& a) { annotations.push_back(a); }
  [[nodiscard]] bool has(AnnotationCode c) const {
    for (const auto& a : annotations) {
      if (a.code == c) return true;
    }
    return false;
  }
};

}  // namespace tcplens
