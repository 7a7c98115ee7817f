// The floor for the benchmark: reads every packet of a capture with libpcap
// and touches one byte of each, nothing else.
#include <pcap/pcap.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t* p = pcap_open_offline(argv[1], errbuf);
  if (p == nullptr) {
    std::fprintf(stderr, "%s\n", errbuf);
    return 2;
  }
  pcap_pkthdr* h = nullptr;
  const u_char* d = nullptr;
  unsigned long packets = 0;
  unsigned sum = 0;
  while (pcap_next_ex(p, &h, &d) == 1) {
    ++packets;
    if (h->caplen > 0) sum += d[h->caplen - 1];
  }
  std::printf("%lu packets (%u)\n", packets, sum & 1);
  pcap_close(p);
  return 0;
}
