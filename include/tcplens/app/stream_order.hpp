// Records made as connections leave the flow table come out in stream
// order, as if all had been kept to the end: a record whose connection
// left before an earlier one waits, as text, until every earlier stream's
// record is out. Connections leave in roughly the order they began, so
// little waits; a connection open for a whole capture holds back the text
// of those that ended after it began (the one thing not bounded by the
// number of open connections).
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "tcplens/app/output.hpp"

namespace tcplens {

class StreamOrderedOutput {
 public:
  explicit StreamOrderedOutput(Output& out) : out_(out) {}

  // render(TextBuffer&) writes the record of `stream`; each stream once.
  template <typename Render>
  void put(std::uint64_t stream, Render&& render) {
    if (stream != next_) {
      TextBuffer text;
      render(text);
      waiting_bytes_ += text.size();
      waiting_.emplace(stream, fmt::to_string(text));
      return;
    }
    render(out_.buffer());
    out_.end_record();
    ++next_;
    release();
  }
  // A stream with no record (it produced nothing): later ones may go.
  void skip(std::uint64_t stream);
  [[nodiscard]] std::size_t waiting_bytes() const { return waiting_bytes_; }

 private:
  void release();

  Output& out_;
  std::uint64_t next_ = 0;
  std::map<std::uint64_t, std::string> waiting_;  // by stream; empty string: skipped
  std::size_t waiting_bytes_ = 0;
};

}  // namespace tcplens
