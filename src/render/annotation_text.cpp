#include "tcplens/render/annotation_text.hpp"

#include <fmt/format.h>

#include "tcplens/core/capture_host.hpp"
#include "tcplens/core/ip_address.hpp"
#include "tcplens/render/visible_text.hpp"

namespace tcplens {

namespace {

constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kMagenta = "\x1b[35m";
constexpr std::string_view kReset = "\x1b[0m";

class Phrases {
 public:
  Phrases(TextBuffer& out, const PacketReport& r, const EndpointNames& names, const TextStyle& style)
      : out_(out), r_(r), names_(names), style_(style) {}

  // Events first, then the state changes they cause, then TIME_WAIT (a
  // consequence of those changes).
  void all() {
    for (const auto& a : r_.annotations) {
      if (a.code != AnnotationCode::time_wait_begins && !locates_loss(a.code)) one(a);
    }
    verdicts();
    for (const auto& a : r_.annotations) {
      if (locates_loss(a.code)) one(a);
    }
    for (const auto& e : r_.app.http) http(e);
    for (const auto& m : r_.app.framed) framed(m);
    for (const auto& f : r_.app.websocket) websocket(f);
    if (r_.annotations.empty() && r_.verdicts.set.empty() && r_.app.empty()) {
      separate();
      print(out_, FMT_COMPILE("ACK {} -> {}, no data"), role_noun(r_.sender), role_noun(peer_of(r_.sender)));
    }
    for (const auto& c : r_.changes) change(c);
    for (const auto& a : r_.annotations) {
      if (a.code == AnnotationCode::time_wait_begins) one(a);
    }
  }

 private:
  void separate() {
    if (!first_) append(out_, "; ");
    first_ = false;
  }
  void colored(std::string_view color, std::string_view text) {
    if (style_.color) append(out_, color);
    append(out_, text);
    if (style_.color) append(out_, kReset);
  }
  std::string who(Role r) const { return fmt::format("{} {}", role_noun(r), names_.of(r)); }
  static std::string steps(const Annotation& a) {
    return a.steps != 0 ? fmt::format("{}/{}", a.step, a.steps) : fmt::format("{}/?", a.step);
  }

  void one(const Annotation& a) {
    if (a.code == AnnotationCode::data && r_.annotations.size() > 1 && !only_data_like()) return;
    separate();
    using C = AnnotationCode;
    switch (a.code) {
      case C::handshake_syn:
        print(out_, FMT_COMPILE("handshake {}: {} asks to connect (SYN)"), steps(a), who(a.who));
        break;
      case C::handshake_synack:
        print(out_, FMT_COMPILE("handshake {}: {} accepts (SYN-ACK)"), steps(a), who(a.who));
        break;
      case C::handshake_ack:
        print(out_, FMT_COMPILE("handshake {}: {} ACKs the SYN-ACK, connection established"), steps(a), who(a.who));
        break;
      case C::simultaneous_open:
        print(out_, FMT_COMPILE("handshake {}: simultaneous open, {} sent its own SYN"), steps(a), who(a.who));
        break;
      case C::syn_retransmitted:
        print(out_, FMT_COMPILE("SYN retransmitted (first sent in frame {})"), a.frame);
        break;
      case C::synack_retransmitted:
        print(out_, FMT_COMPILE("SYN-ACK retransmitted (first sent in frame {})"), a.frame);
        break;
      case C::syn_not_captured:
        print(out_, FMT_COMPILE("SYN not captured: {} taken as the client (inferred)"), names_.orig);
        break;
      case C::midstream_pickup:
        print(out_,
              FMT_COMPILE("capture starts mid-connection: both ends taken as ESTABLISHED, {} as the client (inferred); "
                          "window scale unknown (no SYN), windows taken unscaled"),
              names_.orig);
        break;
      case C::data:
        print(out_, FMT_COMPILE("{} {} {} -> {}"), r_.payload, r_.payload == 1 ? "byte" : "bytes", role_noun(a.who),
              role_noun(peer_of(a.who)));
        break;
      case C::teardown_fin:
        fin(a);
        break;
      case C::teardown_ack:
        print(out_, FMT_COMPILE("teardown {}: {} ACKs the FIN"), steps(a), who(a.who));
        break;
      case C::fin_retransmitted:
        print(out_, FMT_COMPILE("FIN retransmitted (first sent in frame {})"), a.frame);
        break;
      case C::fin_with_data:
        print(out_, FMT_COMPILE("the FIN rides on the last {} bytes"), r_.payload);
        break;
      case C::half_close:
        print(out_, FMT_COMPILE("half-close: {} has closed its sending side, data still flows to it"), who(a.who));
        break;
      case C::simultaneous_close:
        append(out_, "simultaneous close: the FINs crossed");
        break;
      case C::time_wait_begins:
        colored(kMagenta, fmt::format("TIME_WAIT begins ({}{})", names_.of(a.who), a.step ? ", active closer" : ""));
        break;
      case C::time_wait_reack:
        print(out_, FMT_COMPILE("{} is in TIME_WAIT and ACKs the retransmitted FIN again"), names_.of(a.who));
        break;
      case C::ack_lost:
        print(out_, FMT_COMPILE("the ACK in frame {} never reached {}: it is back in LAST_ACK"), a.frame,
              names_.of(a.who));
        break;
      case C::refused:
        if (a.step != 0) print(out_, FMT_COMPILE("handshake {}: "), steps(a));
        colored(kRed, fmt::format("connection refused: {} answers the SYN with RST (nothing listening)", who(a.who)));
        break;
      case C::reset:
        if (a.step != 0) print(out_, FMT_COMPILE("teardown {}: "), steps(a));
        colored(kRed, fmt::format("{} resets the connection (RST)", who(a.who)));
        break;
      case C::reset_after_close:
        colored(kRed, fmt::format("{} resets: data arrived after it had closed", who(a.who)));
        break;
      case C::data_after_fin:
        print(out_, FMT_COMPILE("data after {}'s own FIN"), names_.of(a.who));
        break;
      case C::port_reuse:
        append(out_, "port reuse: a new connection on the same addresses and ports");
        break;
      case C::port_reuse_in_time_wait:
        print(out_, FMT_COMPILE("port reuse while {} is still in TIME_WAIT ({:.3f} s after it began, within 2*MSL)"),
              names_.of(a.who), a.seconds);
        break;
      case C::after_idle:
        print(out_, FMT_COMPILE("after {:.3f} s with no packets on this connection"), a.seconds);
        break;
      case C::rst_with_data:
        print(out_, FMT_COMPILE("the RST carries {} bytes (a diagnostic, not part of the stream)"), r_.payload);
        break;
      case C::overlap_conflict:
        append(out_, "overlap with different bytes: this resend does not match the bytes seen first (they are kept)");
        break;
      case C::content_gap:
        print(out_, FMT_COMPILE("content gap: {} bytes the {} sent were never captured"), a.bytes, role_noun(a.who));
        break;
      case C::reassembly_limit:
        append(out_, "reassembly buffer limit reached: stopped waiting for a missing segment");
        break;
      case C::new_isn:
        append(out_, "SYN-ACK with a new ISN: this side answers anew, its relative numbers start over (as Wireshark)");
        break;
      case C::one_direction:
        print(out_,
              FMT_COMPILE("only {} -> {} is in this capture (one direction: asymmetric routing or a one-way "
                          "tap); what {} sent is not visible, so its data, its ACKs and their losses are not "
                          "judged"),
              names_.of(a.who), names_.of(peer_of(a.who)), names_.of(peer_of(a.who)));
        break;
      case C::carried_in:
        append(out_, "carried in ");
        if (r_.carriers != nullptr)
          for (std::size_t i = 0; i < r_.carriers->size(); ++i) {
            if (i != 0) append(out_, ", ");
            append(out_, encap_layer_text((*r_.carriers)[i]));
          }
        break;
      case C::final_ack_lost:
        print(out_, FMT_COMPILE("this ACK never reaches {}: it stays in LAST_ACK and sends its FIN again"),
              names_.of(a.who));
        break;
      case C::over_mss:
        print(out_, FMT_COMPILE("{} bytes in one segment, over the {}-byte MSS {} announced: "), a.bytes, a.frame,
              names_.of(peer_of(a.who)));
        if (a.step == 1)
          print(out_, FMT_COMPILE("captured on {}'s host before TSO/GSO cut it up"), names_.of(a.who));
        else if (a.step == 2)
          print(out_, FMT_COMPILE("captured on {}'s host after GRO merged it"), names_.of(peer_of(a.who)));
        else
          print(out_, FMT_COMPILE("captured on {}'s host before TSO/GSO cut it up, or on {}'s after GRO merged it"),
                names_.of(a.who), names_.of(peer_of(a.who)));
        break;
      case C::capture_host:
        capture_host(a);
        break;
      case C::ip_reassembled:
        print(out_, FMT_COMPILE("reassembled from {} IP fragments (the first to arrive in frame {})"), a.bytes,
              a.frame);
        break;
      case C::ip_fragment_conflict:
        colored(kRed, "overlapping IP fragments had different bytes: the first to arrive were kept");
        break;
      case C::peer_fin_inferred:
        print(out_, FMT_COMPILE("this ACK covers a FIN from {} that the capture does not have (inferred)"),
              names_.of(a.who));
        break;
      case C::fin_lost:
        print(out_, FMT_COMPILE("this FIN never reaches {}: it is sent again before anything ACKs it"),
              names_.of(peer_of(a.who)));
        break;
      case C::lost_before_capture:
        append(out_, "lost before the capture point: the capture never had these bytes until now");
        break;
      case C::lost_after_capture:
        append(out_, "the first copy passed the capture point: it, or the peer's answer, was lost after it");
        break;
      case C::missed_by_capture:
        print(out_, FMT_COMPILE("not lost: it reached {}, the capture missed it"), names_.of(a.who));
        break;
      case C::count_:
        break;
    }
  }

  void capture_host(const Annotation& a) {
    if (a.step == static_cast<std::uint8_t>(CaptureHost::both)) {
      append(out_,
             "captured on the host of both ends (loopback, a veth pair, VMs of one host): neither side's "
             "checksums are filled in yet (checksum offload)");
    } else if (a.bytes == static_cast<std::uint64_t>(CaptureHostEvidence::gro)) {
      print(out_,
            FMT_COMPILE("captured on {}'s host: {}'s segments arrive with correct checksums, its segments over "
                        "the MSS without: GRO merged them on arrival"),
            names_.of(a.who), names_.of(peer_of(a.who)));
    } else {
      print(out_, FMT_COMPILE("captured on {}'s host: its checksums are not filled in yet (checksum offload)"),
            names_.of(a.who));
      if (a.steps == 1) print(out_, FMT_COMPILE(", {}'s arrive correct"), names_.of(peer_of(a.who)));
    }
  }

  // Wireshark's tcp.analysis verdicts, with the reason in a few words.
  void verdicts() {
    const SegmentVerdicts& v = r_.verdicts;
    for (std::size_t i = 0; i < static_cast<std::size_t>(Verdict::count_); ++i) {
      const auto code = static_cast<Verdict>(i);
      if (!v.set.has(code) || code == Verdict::reused_ports) continue;  // port_reuse says it already
      // One direction visible: every ACK is of data the capture never saw
      // (Wireshark's verdict stays in JSON; the first line said why).
      if (code == Verdict::ack_lost_segment && r_.one_direction) continue;
      if (code == Verdict::retransmission &&
          (v.set.has(Verdict::fast_retransmission) || v.set.has(Verdict::spurious_retransmission) ||
           r_.has(AnnotationCode::syn_retransmitted) || r_.has(AnnotationCode::synack_retransmitted) ||
           r_.has(AnnotationCode::fin_retransmitted))) {
        continue;  // a more precise phrase says it
      }
      separate();
      if (style_.color) append(out_, kRed);
      verdict(code, v);
      if (style_.color) append(out_, kReset);
    }
  }

  std::string range() const { return fmt::format("seq {}:{}", r_.seq, r_.seq + r_.payload); }
  std::string sent_at(const SegmentVerdicts& v) const {
    if (!v.first_sent_frame) return "";
    return fmt::format(" already sent at frame {} ({:.3f} s earlier)", v.first_sent_frame, v.since_first_sent);
  }

  void verdict(Verdict code, const SegmentVerdicts& v) {
    const std::string_view receiver = role_noun(peer_of(r_.sender));
    switch (code) {
      case Verdict::retransmission:
        print(out_, FMT_COMPILE("retransmission: {}{}"), range(), sent_at(v));
        break;
      case Verdict::fast_retransmission:
        if (v.dup_acks_before == 0) {  // Wireshark's rule after an ACK of unseen data, not duplicate ACKs
          print(
              out_,
              FMT_COMPILE("fast retransmission (Wireshark's rule: soon after an ACK of data the capture missed): {}{}"),
              range(), sent_at(v));
        } else {
          print(out_, FMT_COMPILE("fast retransmission: {} after {} duplicate ACKs{}"), range(), v.dup_acks_before,
                sent_at(v));
        }
        break;
      case Verdict::spurious_retransmission:
        print(out_, FMT_COMPILE("spurious retransmission: {} was already ACKed by the {}"), range(), receiver);
        break;
      case Verdict::out_of_order:
        print(out_, FMT_COMPILE("out of order: {} arrives after later data"), range());
        break;
      case Verdict::lost_segment:
        print(out_, FMT_COMPILE("previous segment not captured: {} bytes missing before seq {}"), v.gap_bytes, r_.seq);
        break;
      case Verdict::ack_lost_segment:
        print(out_, FMT_COMPILE("ACKs data the capture never saw (ack {})"), r_.ack);
        break;
      case Verdict::duplicate_ack:
        print(out_, FMT_COMPILE("duplicate ACK #{} of frame {} (ack {})"), v.dup_ack_number, v.dup_ack_of_frame,
              r_.ack);
        break;
      case Verdict::zero_window:
        print(out_, FMT_COMPILE("zero window: the {} can take no more data"), role_noun(r_.sender));
        break;
      case Verdict::zero_window_probe:
        print(out_, FMT_COMPILE("zero-window probe: 1 byte to see if the {} has room again"), receiver);
        break;
      case Verdict::zero_window_probe_ack:
        append(out_, "answers the zero-window probe: window still 0");
        break;
      case Verdict::window_full:
        print(out_, FMT_COMPILE("window full: this data fills the {}'s window"), receiver);
        break;
      case Verdict::window_update:
        print(out_, FMT_COMPILE("window update: window now {} bytes"), v.window_scaled);
        break;
      case Verdict::keep_alive:
        print(out_, FMT_COMPILE("TCP keep-alive: {} checks the {} is still there"), role_noun(r_.sender), receiver);
        break;
      case Verdict::keep_alive_ack:
        append(out_, "answers the keep-alive");
        break;
      case Verdict::reused_ports:
      case Verdict::count_:
        break;
    }
  }

  // An HTTP message starting (or ending, when it spread over several segments).
  void http(const HttpEvent& e) {
    const HttpMessage& m = e.message;
    if (e.kind == HttpEvent::Kind::end) {
      if (m.last_frame == m.first_frame) return;
      separate();
      print(out_, FMT_COMPILE("HTTP {} #{} ends: {} body bytes, frames {}..{}"), m.request ? "request" : "response",
            m.number, m.body_bytes, m.first_frame, m.last_frame);
      return;
    }
    separate();
    // Method, target and reason are the sender's bytes: shown escaped.
    if (m.request) {
      print(out_, FMT_COMPILE("HTTP request #{}: "), m.number);
      append_visible(out_, m.method);
      out_.push_back(' ');
      append_visible(out_, m.target);
    } else {
      print(out_, FMT_COMPILE("HTTP response #{}: {} "), m.number, m.status);
      append_visible(out_, m.reason);
    }
    if (!m.request && m.since_request >= 0)
      print(out_, FMT_COMPILE(", {:.3f} ms after its request"), m.since_request * 1000.0);
    if (m.chunked)
      append(out_, ", chunked");
    else if (m.content_length)
      print(out_, FMT_COMPILE(", Content-Length {}"), *m.content_length);
    if (m.connection_close) append(out_, ", Connection: close");
    if (m.keep_alive_timeout) print(out_, FMT_COMPILE(", Keep-Alive: timeout={}"), *m.keep_alive_timeout);
    if (m.upgrade) append(out_, ", Upgrade");
    if (!m.range.empty()) {
      append(out_, ", range ");
      append_visible(out_, m.range);
    }
    if (m.shares_segment_with > 0) {
      print(out_, FMT_COMPILE(" (shares its segment with {} earlier message{})"), m.shares_segment_with,
            m.shares_segment_with == 1 ? "" : "s");
    }
    if (m.first_frame != r_.frame) print(out_, FMT_COMPILE(" (began in frame {})"), m.first_frame);
  }

  // A length-prefixed message completed by this packet.
  void framed(const FramedMessage& m) {
    separate();
    print(out_, FMT_COMPILE("{} message #{}: {} bytes"), role_noun(m.side), m.number, m.length);
    if (m.first_frame != m.last_frame) print(out_, FMT_COMPILE(" over frames {}..{}"), m.first_frame, m.last_frame);
    if (m.shares_segment_with > 0) {
      print(out_, FMT_COMPILE(" (stuck to {} earlier message{} in this segment)"), m.shares_segment_with,
            m.shares_segment_with == 1 ? "" : "s");
    }
  }

  // A WebSocket frame completed by this packet: "WebSocket text frame 5 B
  // (masked, client)", then what it ends or carries.
  void websocket(const WebSocketFrame& f) {
    separate();
    append(out_, "WebSocket ");
    if (const std::string_view name = websocket_opcode_name(f.opcode); !name.empty())
      append(out_, name);
    else
      print(out_, FMT_COMPILE("opcode 0x{:X}"), f.opcode);
    print(out_, FMT_COMPILE(" frame {} B ({}, {})"), f.payload_length, f.masked ? "masked" : "unmasked",
          role_noun(f.side));
    if (f.close_code) print(out_, FMT_COMPILE(", code {}"), *f.close_code);
    if (!f.fin && f.opcode != websocket_opcode::continuation) append(out_, ", first of a fragmented message");
    if (f.message_frames > 0) {
      print(out_, FMT_COMPILE(", ends a {} message of {} frames, {} B"), websocket_opcode_name(f.message_opcode),
            f.message_frames, f.message_bytes);
    }
    if (f.first_frame != f.last_frame) print(out_, FMT_COMPILE(" over frames {}..{}"), f.first_frame, f.last_frame);
    if (f.shares_segment_with > 0) {
      print(out_, FMT_COMPILE(" (stuck to {} earlier frame{} in this segment)"), f.shares_segment_with,
            f.shares_segment_with == 1 ? "" : "s");
    }
  }

  [[nodiscard]] bool only_data_like() const {
    for (const auto& a : r_.annotations) {
      if (a.code != AnnotationCode::data && a.code != AnnotationCode::half_close &&
          a.code != AnnotationCode::data_after_fin && !locates_loss(a.code)) {
        return false;
      }
    }
    return true;
  }

  void fin(const Annotation& a) {
    print(out_, FMT_COMPILE("teardown {}: {} closes (FIN)"), steps(a), who(a.who));
    if (a.step == 1) append(out_, ", active close");
    if (a.step == 2 && a.steps == 3) print(out_, FMT_COMPILE(", which also ACKs {}'s FIN"), role_noun(peer_of(a.who)));
  }

  void change(const StateChange& c) {
    separate();
    std::string text = fmt::format("{} {}{} -> {}", names_.of(c.who), state_name(c.from),
                                   c.from_inferred ? " (inferred)" : "", state_name(c.to));
    // So far only CLOSE_WAIT is withdrawn: a FIN that does not ACK the peer's.
    if (c.withdrawn != TcpState::closed)
      text += fmt::format(" (not {}: its FIN left before the peer's arrived)", state_name(c.withdrawn));
    colored(kYellow, text);
  }

  TextBuffer& out_;
  const PacketReport& r_;
  const EndpointNames& names_;
  const TextStyle& style_;
  bool first_ = true;
};

}  // namespace

std::string endpoint_text(const IpAddress& address, std::uint16_t port) {
  fmt::memory_buffer b;
  append_endpoint(b, address, port);
  return fmt::to_string(b);
}

void render_annotation_text(TextBuffer& out, const PacketReport& report, const EndpointNames& names,
                            const TextStyle& style) {
  print(out, FMT_COMPILE("[{}] "), report.stream);
  Phrases(out, report, names, style).all();
}

void render_annotation_line(TextBuffer& out, const PacketReport& report, const EndpointNames& names,
                            const TextStyle& style) {
  if (style.color) append(out, kDim);
  append(out, kAnnotationMarker);
  if (style.color) append(out, kReset);
  render_annotation_text(out, report, names, style);
  out.push_back('\n');
}

}  // namespace tcplens
