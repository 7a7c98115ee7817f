#include "tcplens/app/output.hpp"

#include <cerrno>
#include <cstring>

namespace tcplens {

namespace {
int g_stdout_errno = 0;  // the first failed write's
}  // namespace

void Output::flush() {
  if (buffer_.size() == 0) return;
  if (ok_) {
    const std::size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), stream_);
    if (written != buffer_.size() || std::fflush(stream_) != 0) {
      ok_ = false;
      if (stream_ == stdout && g_stdout_errno == 0) g_stdout_errno = errno != 0 ? errno : EIO;
    }
  }
  buffer_.clear();
}

void print_line(std::string_view line) {
  errno = 0;
  if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size() || std::fputc('\n', stdout) == EOF) {
    if (g_stdout_errno == 0) g_stdout_errno = errno != 0 ? errno : EIO;
  }
}

void flush_standard_output() {
  errno = 0;
  if (std::fflush(stdout) != 0 && g_stdout_errno == 0) g_stdout_errno = errno != 0 ? errno : EIO;
}

bool standard_output_failed(int& error) {
  flush_standard_output();
  if (g_stdout_errno == 0 && std::ferror(stdout)) g_stdout_errno = EIO;  // printf that failed
  error = g_stdout_errno;
  return error != 0;
}

}  // namespace tcplens
