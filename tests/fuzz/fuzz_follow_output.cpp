// Fuzz target: `tcplens follow -o DIR --max-output` on a capture file (pcap
// or pcapng bytes). Whatever the capture claims (gaps of gigabytes, port
// reuse, data after FIN), the files written must stay within --max-output
// in apparent size and take no more disk than their data: a finding
// otherwise. Also the text and hex renderings, to /dev/null.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "tcplens/app/follow_command.hpp"

namespace {

constexpr std::uint64_t kLimit = 1u << 20;

std::filesystem::path work_dir() {
  static const std::filesystem::path dir = [] {
    char name[] = "/tmp/fuzz-follow-XXXXXX";
    const char* made = mkdtemp(name);
    return std::filesystem::path(made != nullptr ? made : "/tmp/fuzz-follow");
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = memfd_create("capture", 0);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  const std::filesystem::path dir = work_dir() / "out";
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  tcplens::FollowOptions options;
  options.files = {"/proc/self/fd/" + std::to_string(fd)};
  options.output_dir = dir.string();
  options.max_output = kLimit;
  std::FILE* devnull = std::fopen("/dev/null", "w");
  std::FILE* saved_err = stderr;
  std::FILE* saved_out = stdout;
  stderr = devnull;
  stdout = devnull;
  (void)tcplens::run_follow(options);
  options.output_dir.clear();
  options.format = tcplens::FollowFormat::text;
  (void)tcplens::run_follow(options);
  options.format = tcplens::FollowFormat::hex;
  (void)tcplens::run_follow(options);
  stderr = saved_err;
  stdout = saved_out;
  std::fclose(devnull);
  close(fd);

  std::uint64_t apparent = 0;
  std::uint64_t on_disk = 0;
  std::uint64_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    struct stat st {};
    if (lstat(e.path().c_str(), &st) != 0) continue;
    if (S_ISLNK(st.st_mode)) __builtin_trap();  // never made by follow
    ++files;
    apparent += static_cast<std::uint64_t>(st.st_size);
    on_disk += static_cast<std::uint64_t>(st.st_blocks) * 512;
  }
  if (apparent > kLimit) __builtin_trap();
  // Holes, not zeros written out: the disk holds about the data, which the
  // capture carried (a block or two per file for rounding).
  if (on_disk > 2 * size + files * 8192) __builtin_trap();
  return 0;
}
