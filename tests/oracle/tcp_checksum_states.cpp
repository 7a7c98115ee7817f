// Prints, for every frame of a capture whose TCP checksum tcplens can
// verify, "FRAME STATE" (decode/tcp_checksum's verdict), so that a script can
// hold it against tshark's tcp.checksum.status frame by frame. Frames whose
// checksum cannot be verified (truncated, fragments, routing headers) are
// left out. A test tool: tcplens itself only samples a few per direction.
//
// usage: tcp_checksum_states CAPTURE
#include <cstdio>

#include "tcplens/capture/pcap_file.hpp"
#include "tcplens/decode/decoded_packet.hpp"
#include "tcplens/decode/tcp_checksum.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tcp_checksum_states CAPTURE\n");
    return 2;
  }
  try {
    tcplens::PcapFile file(argv[1], false);
    const int dlt = file.link_type();
    tcplens::RawFrame frame;
    while (file.next(frame) == tcplens::ReadStatus::frame) {
      const tcplens::DecodedPacket pkt = tcplens::decode_packet(dlt, frame);
      if (!pkt.is_analyzable_tcp()) continue;
      const tcplens::ChecksumState s = tcplens::verify_tcp_checksum(pkt.ip, pkt.tcp);
      if (s == tcplens::ChecksumState::unverified) continue;
      const auto name = tcplens::checksum_state_name(s);
      std::printf("%llu %.*s\n", static_cast<unsigned long long>(frame.number), static_cast<int>(name.size()),
                  name.data());
    }
  } catch (const tcplens::CaptureError& e) {
    std::fprintf(stderr, "tcp_checksum_states: %s: %s\n", argv[1], e.what());
    return 1;
  }
  return 0;
}
