// tcplens live: the annotated output of `read`, streamed from an interface.
#pragma once
#include <optional>
#include <string>

#include "tcplens/app/exit_code.hpp"
#include "tcplens/app/read_command.hpp"
#include "tcplens/capture/pcap_live.hpp"

namespace tcplens {

struct LiveCommandOptions {
  LiveOptions capture;
  ReadOptions output;              // plain / json / colour / timestamps / -S
  bool list_interfaces = false;    // -D
  std::optional<double> duration;  // --duration SECONDS
  std::string write_file;          // -w FILE
  std::string drop_to_user;        // -Z USER
};

ExitCode run_live(const LiveCommandOptions& options);

}  // namespace tcplens
