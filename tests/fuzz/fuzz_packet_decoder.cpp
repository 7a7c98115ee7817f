// Fuzz target: one frame of each supported link type (the first byte picks
// it), decoded and printed as tcpdump would.
#include <array>
#include <cstdint>

#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/flow/tcpdump_seq_table.hpp"
#include "tcplens/render/tcpdump_line.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tcplens;
  // Every link type decode_packet knows (decode/protocol_table.cpp).
  static constexpr std::array<int, 19> kLinkTypes = {0,   1,   9,   12,  14,  50,  51,  104, 105, 108,
                                                     113, 127, 129, 178, 228, 229, 239, 242, 276};
  if (size < 1) return 0;
  RawFrame frame;
  frame.number = 1;
  frame.caplen = static_cast<std::uint32_t>(size - 1);
  frame.wirelen = frame.caplen + (data[0] >> 4) * 100;  // sometimes claim more than was captured
  frame.data = Bytes(data + 1, size - 1);
  const DecodedPacket pkt = decode_packet(kLinkTypes[data[0] % kLinkTypes.size()], frame);
  if (!pkt.is_tcp()) return 0;
  TcpdumpSeqTable table(false);
  TextBuffer out;
  const ShownNumbers n =
      pkt.tcp.completeness >= TcpCompleteness::header_too_long ? table.shown_numbers(pkt) : ShownNumbers{};
  render_tcpdump_line(out, pkt, n);
  return 0;
}
