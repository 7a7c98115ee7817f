// Records made as connections leave come out in stream order.
#include "tcplens/app/stream_order.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

using namespace tcplens;

namespace {

std::string contents(std::FILE* f) {
  std::rewind(f);
  std::string s;
  for (int c; (c = std::fgetc(f)) != EOF;) s.push_back(static_cast<char>(c));
  return s;
}

auto line(const char* text) {
  return [text](TextBuffer& b) { print(b, FMT_COMPILE("{}\n"), text); };
}

}  // namespace

TEST_CASE("a record waits for every earlier stream's record") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  {
    Output out(f);
    StreamOrderedOutput records(out);
    records.put(2, line("two"));
    records.put(1, line("one"));
    CHECK(records.waiting_bytes() == 8);
    out.flush();
    CHECK(contents(f).empty());
    records.put(0, line("zero"));
    CHECK(records.waiting_bytes() == 0);
    records.skip(4);
    records.put(5, line("five"));
    records.put(3, line("three"));
    out.flush();
  }
  CHECK(contents(f) == "zero\none\ntwo\nthree\nfive\n");
  std::fclose(f);
}
