// Fuzz target: the application analyzers on arbitrary stream bytes. The
// first input byte picks where the bytes are cut into segments and which
// side sends each; each analyzer (HTTP, which may hand over to WebSocket
// after a 101; WebSocket from the first byte; length-prefix framing) gets
// the same chunks, a gap now and then, and the end of both streams. What
// they report must stay consistent: frames and messages numbered 1, 2, ...
// per side, each ending in the segment that delivered it.
#include <cstdint>
#include <vector>

#include "tcplens/analysis/analyzer_registry.hpp"
#include "tcplens/analysis/flow_record.hpp"
#include "tcplens/analysis/http_exchange.hpp"
#include "tcplens/analysis/length_prefix_framing.hpp"
#include "tcplens/analysis/websocket_analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tcplens;
  if (size < 2) return 0;
  const std::uint8_t shape = data[0];
  const Bytes stream(data + 1, size - 1);
  HttpConversation http;
  WebSocketAnalyzer ws;
  LengthPrefixFraming framing(FramingSpec{static_cast<std::uint8_t>((shape & 1) != 0 ? 2 : 4), (shape & 2) != 0});
  std::unique_ptr<AppAnalyzer> taken;  // what HTTP handed over to
  std::uint64_t ws_numbers[2] = {0, 0};
  std::uint64_t framed_numbers[2] = {0, 0};
  const std::size_t step = 1 + (shape >> 2);  // segment size 1..64
  std::uint64_t frame = 1;
  for (std::size_t at = 0; at < stream.size(); at += step, ++frame) {
    const Bytes chunk = stream.subspan(at, std::min(step, stream.size() - at));
    const Role side = (chunk[0] & 1) != 0 ? Role::resp : Role::orig;
    if (chunk[0] == 0xFF) {  // now and then a gap instead of the bytes
      http.gap(side);
      ws.gap(side);
      framing.gap(side);
      if (taken) taken->gap(side);
      continue;
    }
    const Delivery d{frame, static_cast<double>(frame)};
    AppFindings from_http, from_taken, from_ws, from_framing;
    const std::size_t used = http.deliver(side, chunk, d, from_http);
    if (used > chunk.size()) __builtin_trap();
    if (!taken && !http.handover().empty()) {
      const AnalyzerEntry* e = find_analyzer(http.handover());
      if (e == nullptr) __builtin_trap();
      taken = e->make(AnalyzerConfig{});
      taken->deliver(side, chunk.subspan(used), d, from_taken);
    } else if (taken) {
      taken->deliver(side, chunk, d, from_taken);
    }
    ws.deliver(side, chunk, d, from_ws);
    framing.deliver(side, chunk, d, from_framing);
    for (const WebSocketFrame& f : from_ws.websocket) {
      // Numbered 1, 2, ... per side; ending in this segment; a code only on a close.
      if (f.number != ++ws_numbers[static_cast<int>(f.side)]) __builtin_trap();
      if (f.last_frame != frame || f.first_frame > f.last_frame) __builtin_trap();
      if (f.close_code && f.opcode != websocket_opcode::close) __builtin_trap();
    }
    for (const FramedMessage& m : from_framing.framed) {
      if (m.number != ++framed_numbers[static_cast<int>(m.side)]) __builtin_trap();
      if (m.last_frame != frame || m.first_frame > m.last_frame) __builtin_trap();
    }
  }
  AppFindings out;
  for (const Role side : {Role::orig, Role::resp}) {
    http.end_of_stream(side, out);
    ws.end_of_stream(side, out);
    if (taken) taken->end_of_stream(side, out);
  }
  FlowRecord record;
  http.summarize(record);
  ws.summarize(record);
  if (record.websocket_frames != ws_numbers[0] + ws_numbers[1]) __builtin_trap();
  if (taken) taken->summarize(record);
  return 0;
}
