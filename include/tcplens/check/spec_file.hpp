// Check specs: a TOML file naming captures and what must hold for them.
//
//   [[capture]]
//   file = "loopback/refused.pcap"      # relative to the spec file
//   connections = 1
//   [[capture.expect]]
//   stream = 0                          # or: port = 8080, select = "all" / "any"
//   handshake = "refused"
//   conn_state = "REJ"
//   retransmissions = "<= 0"            # numbers: 3, "<= 3", ">= 1", "!= 0"
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "tcplens/check/expectation.hpp"

namespace tcplens {

struct CaptureSpec {
  std::string file;     // resolved against the spec's folder
  std::string display;  // as written in the spec
  std::vector<Assertion> assertions;
};

// Unknown keys and bad values: the message names the spec and the line.
class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<CaptureSpec> load_spec(const std::string& path);

}  // namespace tcplens
