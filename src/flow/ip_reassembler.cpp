#include "tcplens/flow/ip_reassembler.hpp"

namespace tcplens {

FragmentPiece fragment_piece(const DecodedPacket& pkt) {
  const IpFragmentView& f = pkt.fragment;
  const Bytes frame = pkt.frame->data;
  FragmentPiece piece;
  piece.key = FragmentKey{f.src, f.dst, f.id, f.protocol, f.context};
  piece.offset_bytes = f.offset;
  piece.more_fragments = f.more_fragments;
  piece.ts = pkt.frame->ts.seconds();
  piece.frame = pkt.frame->number;
  piece.payload = frame.subspan(f.payload_offset, f.payload_captured);
  piece.payload_wire_length = f.payload_wire_length;
  if (f.offset == 0) piece.first_header = frame.subspan(f.ip_offset, f.unfragmentable_length);
  return piece;
}

ReassemblyOutcome IpReassembler::offer(const DecodedPacket& pkt, std::size_t depth) {
  ReassemblyOutcome out;
  out.result = table_.add(fragment_piece(pkt));
  if (out.result != FragmentResult::complete && out.result != FragmentResult::overlap_conflict_complete) return out;
  // The completing fragment's headers down to its IP header, then the datagram.
  const RawFrame& frame = *pkt.frame;
  std::vector<std::uint8_t>& bytes = bytes_[depth];
  const Bytes datagram = table_.datagram();
  bytes.assign(frame.data.begin(), frame.data.begin() + pkt.fragment.ip_offset);
  bytes.insert(bytes.end(), datagram.begin(), datagram.end());
  RawFrame& rebuilt = rebuilt_[depth];
  rebuilt.number = frame.number;
  rebuilt.ts = frame.ts;
  rebuilt.caplen = rebuilt.wirelen = static_cast<std::uint32_t>(bytes.size());
  rebuilt.data = Bytes(bytes.data(), bytes.size());
  rebuilt.rebuilt_ip_at = pkt.fragment.ip_offset;
  out.rebuilt = &rebuilt;
  out.how = table_.completed();
  return out;
}

}  // namespace tcplens
