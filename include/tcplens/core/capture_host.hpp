// The host a capture was taken on, as far as the packets tell (decided in
// tcp/capture_host, said by the renderers).
#pragma once
#include <cstdint>

namespace tcplens {

enum class CaptureHost : std::uint8_t { unknown, orig, resp, both };
// How it was told.
enum class CaptureHostEvidence : std::uint8_t { none, checksum_offload, gro };

}  // namespace tcplens
