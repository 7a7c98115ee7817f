// Buffered standard output: lines are formatted into one buffer and written
// with a single fwrite when it fills (or per packet when streaming live).
#pragma once
#include <cstdio>
#include <string_view>

#include "tcplens/render/text_buffer.hpp"

namespace tcplens {

class Output {
 public:
  explicit Output(std::FILE* stream = stdout, bool line_buffered = false)
      : stream_(stream), line_buffered_(line_buffered) {}
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() { flush(); }

  TextBuffer& buffer() { return buffer_; }
  // Call after each complete line or record.
  void end_record() {
    if (line_buffered_ || buffer_.size() >= kFlushAt) flush();
  }
  void flush();
  // False once writing failed (closed pipe, full disk): stop producing output.
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  std::FILE* stream_;
  bool line_buffered_;
  bool ok_ = true;
  TextBuffer buffer_;
};

// One line to standard output (stdio-buffered), its failure remembered
// for standard_output_failed: for the few lines commands print directly.
void print_line(std::string_view line);

// fflush(stdout), its failure remembered as print_line's is.
void flush_standard_output();

// After a command: flushes standard output and says whether anything
// written to it was lost (error: its errno). main turns that into one line
// and exit code 3; a closed pipe (EPIPE) is the reader's choice, not an error.
bool standard_output_failed(int& error);

}  // namespace tcplens
