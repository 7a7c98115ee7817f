#include "tcplens/app/output.hpp"

namespace tcplens {

void Output::flush() {
  if (buffer_.size() == 0) return;
  if (ok_) {
    const std::size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), stream_);
    if (written != buffer_.size() || std::fflush(stream_) != 0) ok_ = false;
  }
  buffer_.clear();
}

}  // namespace tcplens
