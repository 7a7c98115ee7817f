// tcpdump's flag letters, in its table order: F S R P . U E W, or "none".
#pragma once
#include <cstdint>
#include <string>

namespace tcplens {

std::string tcp_flags_text(std::uint8_t flags);

}  // namespace tcplens
