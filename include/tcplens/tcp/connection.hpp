// A TCP connection: two endpoints, their state machines, and what each
// packet means for them (handshake, teardown, TIME_WAIT, resets).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tcplens/core/timestamp.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/tcp/capture_host.hpp"
#include "tcplens/tcp/endpoint.hpp"
#include "tcplens/tcp/history.hpp"
#include "tcplens/tcp/loss_locator.hpp"
#include "tcplens/tcp/segment_analyzer.hpp"
#include "tcplens/tcp/segment_report.hpp"
#include "tcplens/tcp/stream_reassembler.hpp"

namespace tcplens {

// The bit of a role in the per-direction bit sets below: 1 orig, 2 resp.
constexpr std::uint8_t role_bit(Role r) { return r == Role::orig ? 1 : 2; }

// What a first pass over a capture learned about a connection's shape, so
// that a second pass can number steps (teardown 1/3 or 1/4) as it prints.
struct ConnectionShape {
  std::uint8_t handshake_steps = 3;  // 4 for a simultaneous open, 2 refused, 1 unanswered; 0: unknown
  std::uint8_t teardown_steps = 4;   // 3 when the second FIN also ACKs the first; 0: unknown
  // Bit 0 orig, bit 1 resp: that endpoint's first FIN never reached its peer
  // (it was sent again before any packet of the peer ACKed it).
  std::uint8_t fin_lost : 2 = 0;
  // Bit 0 orig, bit 1 resp: that endpoint, in LAST_ACK, sent its FIN again
  // after the peer's final ACK: that ACK never reached it.
  std::uint8_t final_ack_lost : 2 = 0;
  // Bit 0 orig, bit 1 resp: the directions that have packets in the capture
  // (3: both; 1 or 2: only one direction is visible).
  std::uint8_t seen : 2 = 3;
  // The host the capture was taken on (CaptureHost) and how that was told
  // (CaptureHostEvidence); unknown without a first pass. Packed
  // beside the bits above, ahead of peer_fin_ack, so the shape stays 8 bytes.
  std::uint8_t capture_host : 2 = 0;
  std::uint8_t capture_host_evidence : 2 = 0;
  bool capture_host_peer_correct : 1 = false;  // CaptureHostVerdict::peer_correct
  // One direction visible: the relative ACK at which the visible sender
  // acknowledges the invisible peer's FIN (its ACK's last step, of exactly
  // one, after which it never advances); 0: none.
  std::uint32_t peer_fin_ack = 0;  // relative, modulo 2^32 (compared for equality)
};

// How the connection began, for its first packet's annotation.
struct ConnectionOrigin {
  // Printed with 3 decimals and only within 2*MSL: a float keeps the
  // struct at 8 bytes (memory per connection).
  float reuse_after_seconds = 0;
  bool port_reuse = false;
  bool reuse_in_time_wait = false;
  Role reuse_time_wait_side = Role::orig;
};

// What a later stage keeps per connection (HTTP state ...): the tcp stage
// only owns it. The kind is the later stage's own tag, read on every
// packet instead of a dynamic_cast (which cost ~140 instructions each).
struct ConnectionExtension {
  explicit ConnectionExtension(std::uint8_t kind) : kind(kind) {}
  virtual ~ConnectionExtension() = default;
  const std::uint8_t kind;
};

// A silence this long before a packet is worth a word (a keep-alive idle,
// a server's idle timeout).
inline constexpr double kLongIdleSeconds = 1.0;

class Connection {
 public:
  Connection(std::uint64_t stream, const DecodedPacket& first, ConnectionOrigin origin, ConnectionShape shape);

  // The role of the packet's sender in this connection.
  [[nodiscard]] Role sender_of(const DecodedPacket& pkt) const;
  // Rebuild both byte streams, buffering within these bounds (no call: no reassembly).
  void enable_reassembly(BufferBudget& budget, const ReassemblyLimits& limits);
  // Updates both endpoints; fills report (cleared first).
  void on_segment(const DecodedPacket& pkt, SegmentReport& report);
  // End of the capture or of the connection: deliver what still waits
  // behind gaps (into report's chunk lists).
  void finish_streams(SegmentReport& report);
  // The reassembler of the bytes an endpoint sent; null without reassembly.
  [[nodiscard]] const StreamReassembler* stream_of(Role r) const {
    return streams_ ? &(r == Role::orig ? streams_->orig : streams_->resp) : nullptr;
  }

  [[nodiscard]] std::uint64_t stream() const { return stream_; }
  [[nodiscard]] const Endpoint& endpoint(Role r) const { return r == Role::orig ? orig_ : resp_; }
  [[nodiscard]] const Endpoint& orig() const { return orig_; }
  [[nodiscard]] const Endpoint& resp() const { return resp_; }
  [[nodiscard]] bool originator_inferred() const { return originator_inferred_; }
  [[nodiscard]] bool midstream() const { return midstream_; }
  [[nodiscard]] bool flipped() const { return flipped_; }
  [[nodiscard]] const Timestamp& first_seen() const { return first_; }
  // The VLANs and tunnels its first packet came in (null: none), and the
  // part of them that tells connections with the same 4-tuple apart.
  [[nodiscard]] const std::vector<EncapLayer>* carriers() const { return carriers_; }
  [[nodiscard]] std::uint32_t context() const { return context_; }
  void set_carriers(const std::vector<EncapLayer>* carriers, std::uint32_t context) {
    carriers_ = carriers;
    context_ = context;
  }
  [[nodiscard]] const Timestamp& last_seen() const { return last_; }
  // The last packet that came while the connection was still open, before
  // both ends had sent a FIN or RST: where Zeek's conn.log duration ends
  // (packets after that, such as the ACK of the last FIN, are counted but
  // do not lengthen it).
  [[nodiscard]] double last_open_seconds() const { return last_open_seconds_; }
  [[nodiscard]] std::uint64_t first_frame() const { return first_frame_; }
  [[nodiscard]] std::uint64_t rst_frame() const { return rst_frame_; }
  // Wireshark's tcp.analysis.initial_rtt: the last SYN to the first ACK; <0 unknown.
  [[nodiscard]] double initial_rtt() const { return analyzer_.initial_rtt(); }
  // The handshake's halves at the capture point; <0 unknown.
  [[nodiscard]] double syn_to_synack() const { return syn_to_synack_; }
  [[nodiscard]] double synack_to_ack() const { return synack_to_ack_; }
  // The longest silence between two packets and the packet that ended it; <0: one packet.
  [[nodiscard]] double max_idle() const { return max_idle_; }
  [[nodiscard]] std::uint64_t max_idle_frame() const { return max_idle_frame_; }
  // Bytes in gaps that never filled, both directions, as Zeek's
  // missed_bytes counts them: holes the receiver ACKed past while both
  // ends were established or closing cleanly (no holes of a connection
  // seen without its SYN, after a RST, or never ACKed).
  [[nodiscard]] std::uint64_t missed_bytes() const;
  // Window scale shift of an endpoint's windows (kScaleUnknown / kScaleNone).
  [[nodiscard]] int window_scale(Role r) const { return analyzer_.window_scale(r == Role::orig); }
  [[nodiscard]] const History& history() const { return history_; }
  [[nodiscard]] bool handshake_complete() const { return handshake_complete_; }
  // Bit 0 orig, bit 1 resp: the directions with packets so far.
  [[nodiscard]] std::uint8_t directions_seen() const {
    return static_cast<std::uint8_t>((orig_.packets > 0 ? role_bit(Role::orig) : 0) |
                                     (resp_.packets > 0 ? role_bit(Role::resp) : 0));
  }
  // The first pass saw packets in one direction only.
  // Bit 0 orig, bit 1 resp: the endpoints that sent segments larger than
  // the MSS their peer announced.
  [[nodiscard]] std::uint8_t over_mss() const { return over_mss_; }
  // Where this connection's missing segments went missing, both
  // directions (tcp/loss_locator); zeros without any.
  struct LossCounts {
    std::uint64_t before_capture = 0;
    std::uint64_t after_capture = 0;
    std::uint64_t not_captured = 0;
  };
  [[nodiscard]] LossCounts losses() const;
  // The host the capture was taken on, from the checksums sampled so far.
  [[nodiscard]] CaptureHostVerdict capture_host() const {
    return decide_capture_host(checksums_[0], checksums_[1], over_mss_);
  }
  [[nodiscard]] bool one_direction() const { return shape_.seen == 1 || shape_.seen == 2; }
  [[nodiscard]] bool simultaneous_open() const { return simultaneous_open_; }
  [[nodiscard]] bool simultaneous_close() const { return simultaneous_close_; }
  [[nodiscard]] std::optional<Role> first_fin_by() const { return first_fin_by_; }
  [[nodiscard]] const ConnectionOrigin& origin() const { return origin_; }
  [[nodiscard]] ConnectionShape learned_shape() const;
  [[nodiscard]] ConnectionExtension* extension() const { return extension_.get(); }
  void set_extension(std::unique_ptr<ConnectionExtension> e) { extension_ = std::move(e); }
  // Both endpoints closed or in TIME_WAIT: a new SYN starts a new connection.
  [[nodiscard]] bool finished() const { return orig_.finished() && resp_.finished(); }

 private:
  Endpoint& ep(Role r) { return r == Role::orig ? orig_ : resp_; }
  void infer_peer_fin(Role sender, SegmentReport& report);
  void update_numbers(const DecodedPacket& pkt, Role sender, SegmentReport& report);
  void apply_transitions(const DecodedPacket& pkt, Role sender, SegmentReport& report);
  void change_state(Role who, TcpState to, SegmentReport& report);
  void annotate_first_packet(SegmentReport& report);
  void annotate_handshake(const DecodedPacket& pkt, SegmentReport& report, bool retransmitted);
  void annotate_teardown(const DecodedPacket& pkt, SegmentReport& report, bool fin_retransmitted);
  void annotate_reset(Role sender, TcpState sender_before, TcpState peer_before, SegmentReport& report);
  void annotate_data(Role sender, SegmentReport& report);
  void record_endpoint_facts(const DecodedPacket& pkt, const SegmentReport& report);
  static SegmentFacts facts_of(const DecodedPacket& pkt, const SegmentReport& report);
  void analyze_segment(const DecodedPacket& pkt, SegmentReport& report);
  bool note_over_mss(SegmentReport& report);
  void sample_checksum(const DecodedPacket& pkt, const SegmentReport& report, bool over_mss);
  void note_losses(const DecodedPacket& pkt, SegmentReport& report);
  void note_idle(double gap, std::uint64_t frame);
  void reassemble(const DecodedPacket& pkt, SegmentReport& report);
  void note_gaps(Role who, SegmentReport& report);
  void time_handshake(const DecodedPacket& pkt, const SegmentReport& report, double now);

  struct Streams {
    Streams(BufferBudget& b, ReassemblyLimits l) : orig(b, l), resp(b, l) {}
    StreamReassembler orig;
    StreamReassembler resp;
    StreamReassembler& of(Role r) { return r == Role::orig ? orig : resp; }
    std::uint64_t zeek_missed = 0;  // gap bytes Zeek would report (note_gaps)
  };
  struct Losses {
    LossLocator orig;
    LossLocator resp;
    LossLocator& of(Role r) { return r == Role::orig ? orig : resp; }
  };
  // Fields grouped by size, largest first, so that there are no padding
  // holes: the table holds one Connection per open connection.
  std::uint64_t stream_;
  Endpoint orig_;
  Endpoint resp_;
  SegmentAnalyzer analyzer_;
  History history_;
  Timestamp first_;
  Timestamp last_;
  ConnectionOrigin origin_;
  std::uint64_t first_frame_ = 0;
  std::uint64_t rst_frame_ = 0;
  std::uint64_t max_idle_frame_ = 0;
  double last_syn_time_ = -1;
  double last_synack_time_ = -1;
  double syn_to_synack_ = -1;
  double synack_to_ack_ = -1;
  double max_idle_ = -1;
  double last_open_seconds_ = 0;
  BufferBudget* budget_ = nullptr;
  const ReassemblyLimits* limits_ = nullptr;           // the table's, which outlives its connections
  const std::vector<EncapLayer>* carriers_ = nullptr;  // the table's catalogue's: VLANs, tunnels
  std::unique_ptr<Streams> streams_;                   // created with the first payload
  std::unique_ptr<Losses> losses_;                     // created with the first hole or retransmission
  std::unique_ptr<ConnectionExtension> extension_;
  ConnectionShape shape_;
  std::uint32_t context_ = 0;
  std::optional<Role> first_fin_by_;
  std::uint8_t handshake_step_ = 0;
  std::uint8_t teardown_step_ = 0;
  std::uint8_t fins_seen_ = 0;
  bool originator_inferred_ : 1 = false;
  bool midstream_ : 1 = false;
  bool flipped_ : 1 = false;
  bool first_packet_ : 1 = true;
  bool handshake_complete_ : 1 = false;
  bool simultaneous_open_ : 1 = false;
  bool simultaneous_close_ : 1 = false;
  bool combined_fin_ack_ : 1 = false;
  bool half_close_noted_ : 1 = false;
  bool fin_ack_step_seen_ : 1 = false;
  bool reack_pending_ : 1 = false;
  // One byte for what the inference of issue #16 added (memory per connection).
  bool refused_ : 1 = false;                  // the SYN was answered with RST
  bool reset_ended_teardown_ : 1 = false;     // a RST came after the first FIN, before the close completed
  bool peer_fin_inferred_ : 1 = false;        // one direction: the unseen peer's FIN was applied
  std::uint8_t fin_lost_seen_ : 2 = 0;        // ConnectionShape::fin_lost, as this pass sees it
  std::uint8_t last_ack_rise_one_ : 2 = 0;    // bit 0 orig, bit 1 resp: its highest ACK last rose by exactly one
  std::uint8_t final_ack_lost_seen_ : 2 = 0;  // ConnectionShape::final_ack_lost, as this pass sees it
  bool final_ack_withheld_ : 1 = false;       // the lost final ACK was met (it does not close its receiver)
  // Bit 0 orig, bit 1 resp: it sent a segment larger than the MSS its peer
  // announced (TSO/GSO at the sender's host, or GRO at the receiver's).
  std::uint8_t over_mss_ : 2 = 0;
  ChecksumSample checksums_[2];  // orig's segments, resp's
};

// Ports that usually belong to servers, used to guess the originator of a
// connection whose handshake the capture missed (as Zeek does).
bool likely_server_port(std::uint16_t port);

}  // namespace tcplens
