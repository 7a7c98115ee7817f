// tcplens follow: the reassembled conversation of a connection (Wireshark's
// Follow TCP Stream), or every stream written to files (tcpflow's use).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tcplens/app/exit_code.hpp"
#include "tcplens/app/pipeline.hpp"
#include "tcplens/core/ip_address.hpp"
#include "tcplens/render/stream_text.hpp"

namespace tcplens {

struct FollowOptions {
  PipelineConfig pipeline;  // tracking bounds and analyzers, from the command line
  std::vector<std::string> files;
  std::string filter;
  std::optional<std::uint64_t> stream;  // none: every stream
  std::optional<Role> side;             // none: both
  FollowFormat format = FollowFormat::text;
  std::string output_dir;        // -o: one file per direction per connection
  std::uint64_t max_output = 0;  // -o: total size of the files, holes included; 0: no cap
};

ExitCode run_follow(const FollowOptions& options);

// tcpflow's file name for one direction: zero-padded addresses and ports,
// "192.168.000.001.40000-010.000.000.002.00080".
std::string flow_file_name(const IpAddress& src, std::uint16_t sport, const IpAddress& dst, std::uint16_t dport);

}  // namespace tcplens
