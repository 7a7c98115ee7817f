// Output formats of flow records: the registry, CSV quoting, Zeek's log rules.
#include "tcplens/render/flow_writer.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

using namespace tcplens;

namespace {

std::string write(std::string_view format, const FlowRecord& f) {
  const FlowFormat* fmt = find_flow_format(format);
  REQUIRE(fmt != nullptr);
  auto w = fmt->make();
  TextBuffer out;
  w->begin(out);
  w->row(out, f);
  w->end(out);
  return fmt::to_string(out);
}

FlowRecord record() {
  FlowRecord f;
  f.orig_h = IpAddress::v4_at(std::array<std::uint8_t, 4>{10, 0, 0, 1}.data());
  f.resp_h = IpAddress::v4_at(std::array<std::uint8_t, 4>{10, 0, 0, 2}.data());
  f.orig_p = 40000;
  f.resp_p = 80;
  f.conn_state = "SF";
  f.history = "ShADadFf";
  f.uid = "CtestUid";
  f.duration = 0.25;
  f.orig_bytes = 35;
  f.handshake = "complete";
  return f;
}

}  // namespace

TEST_CASE("Every registered format is found by its name", "[formats]") {
  for (const FlowFormat& f : flow_formats()) CHECK(find_flow_format(f.name) == &f);
  CHECK(find_flow_format("xml") == nullptr);
  CHECK(flow_format_names() == "table, json, csv, zeek, zeek-json");
}

TEST_CASE("CSV: a header of the schema's names, quotes only where RFC 4180 needs them", "[formats]") {
  FlowRecord f = record();
  f.http_statuses = "200,404";
  f.encap = {"vlan 10", "vxlan vni \"7\""};
  const std::string csv = write("csv", f);
  CHECK(csv.rfind("stream,ts,id.orig_h,id.orig_p,", 0) == 0);
  CHECK(csv.find(",\"200,404\",") != std::string::npos);
  CHECK(csv.find(",\"vlan 10,vxlan vni \"\"7\"\"\",") != std::string::npos);
  CHECK(csv.find(",SF,ShADadFf,") != std::string::npos);
}

TEST_CASE("Zeek: its header lines, tabs, T/F, '-' and (empty), bytes unset without a duration", "[formats]") {
  setenv("SOURCE_DATE_EPOCH", "0", 1);
  setenv("TZ", "UTC", 1);
  FlowRecord f = record();
  std::string log = write("zeek", f);
  CHECK(log.rfind("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                  "#open\t1970-01-01-00-00-00\n#fields\tts\tuid\tid.orig_h\t",
                  0) == 0);
  CHECK(log.find("\n#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\t") != std::string::npos);
  CHECK(log.find("\t10.0.0.1\t40000\t10.0.0.2\t80\ttcp\t-\t0.250000\t35\t0\tSF\tF\tF\t0\tShADadFf\t") !=
        std::string::npos);
  CHECK(log.find("\n#close\t1970-01-01-00-00-00\n") != std::string::npos);
  f.duration = 0;
  log = write("zeek", f);
  CHECK(log.find("\ttcp\t-\t-\t-\t-\tSF\t") != std::string::npos);  // service, duration, orig_bytes, resp_bytes
  f.history = "a\tb\\";
  log = write("zeek", f);
  CHECK(log.find("\ta\\x09b\\x5c\t") != std::string::npos);
  unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("Zeek JSON: unset fields left out, times as numbers", "[formats]") {
  FlowRecord f = record();
  f.ts.sec = 1300475167;
  f.ts.frac = 96535;
  const std::string line = write("zeek-json", f);
  CHECK(line.rfind("{\"ts\":1300475167.096535,\"uid\":\"CtestUid\",\"id.orig_h\":\"10.0.0.1\",", 0) == 0);
  CHECK(line.find("\"service\"") == std::string::npos);
  CHECK(line.find("\"duration\":0.25,") != std::string::npos);
  CHECK(line.find("\"local_orig\":false") != std::string::npos);
  CHECK(line.back() == '\n');
}
