#include "tcplens/check/expectation.hpp"

#include <catch2/catch.hpp>

#include "tcplens/check/evaluate.hpp"

using namespace tcplens;

TEST_CASE("The --expect grammar: selector, keys, client/server, operators", "[check]") {
  const auto p = parse_expectation("stream 3: active_closer=server time_wait=client retransmissions<=2 orig_bytes>=10");
  REQUIRE(p.assertion);
  CHECK(p.assertion->selector.kind == Selector::Kind::stream);
  CHECK(p.assertion->selector.number == 3);
  REQUIRE(p.assertion->conditions.size() == 4);
  CHECK(p.assertion->conditions[0].value == "resp");
  CHECK(p.assertion->conditions[1].value == "orig");
  CHECK(p.assertion->conditions[2].op == CompareOp::le);
  CHECK(p.assertion->conditions[3].op == CompareOp::ge);
  CHECK(parse_expectation("handshake=complete").assertion->selector.kind == Selector::Kind::all);
  CHECK(parse_expectation("any: close=rst").assertion->selector.kind == Selector::Kind::any);
  CHECK(parse_expectation("port 8080: close=fin").assertion->selector.number == 8080);
  CHECK(parse_expectation("connections>=2").assertion->selector.kind == Selector::Kind::capture);
  CHECK(parse_expectation("client_state=TIME_WAIT").assertion->conditions[0].key == "orig_state");
}

TEST_CASE("Bad expectations say what is wrong", "[check]") {
  CHECK(parse_expectation("stream x: close=fin").error ==
        "'stream' needs a number from 0 to 18446744073709551615, not 'x'");
  // Numbers that do not fit, or are not whole numbers in range, are errors, not aborts or wraps.
  CHECK(parse_expectation("stream 99999999999999999999999: close=fin").error.find("'stream' needs a number") == 0);
  CHECK(parse_expectation("stream -1: close=fin").error.find("'stream' needs a number") == 0);
  CHECK(parse_expectation("stream 1e3: close=fin").error.find("'stream' needs a number") == 0);
  CHECK(parse_expectation("port 70000: close=fin").error == "'port' needs a number from 0 to 65535, not '70000'");
  CHECK(parse_expectation("port 65535: close=fin").assertion->selector.number == 65535);
  CHECK(parse_expectation("closer=server").error.find("unknown key 'closer'") == 0);
  CHECK(parse_expectation("close=maybe").error.find("'close' cannot be 'maybe'") == 0);
  CHECK(parse_expectation("close<=fin").error == "'close' is not a number: use = or !=");
  CHECK(parse_expectation("connections=1 close=fin").error.find("'connections' is about the whole capture") == 0);
  CHECK(parse_expectation("stream 0:").error == "nothing to check");
}

TEST_CASE("Evaluation: one result per condition, failures say what was found", "[check]") {
  FlowRecord a;
  a.stream = 0;
  a.active_closer = "resp";
  a.retransmissions = 2;
  a.first_frame = 1;
  a.first_fin_frame = 9;
  FlowRecord b = a;
  b.stream = 1;
  b.active_closer = "orig";
  const std::vector<FlowRecord> flows = {a, b};
  auto results = evaluate(*parse_expectation("stream 0: active_closer=server retransmissions<2").assertion, flows);
  REQUIRE(results.size() == 2);
  CHECK(results[0].passed);
  CHECK_FALSE(results[1].passed);
  CHECK(results[1].found == "found retransmissions=2 (first frame 1)");
  CHECK_FALSE(evaluate(*parse_expectation("all: active_closer=server").assertion, flows)[0].passed);
  CHECK(evaluate(*parse_expectation("any: active_closer=client").assertion, flows)[0].passed);
  CHECK(evaluate(*parse_expectation("connections=2").assertion, flows)[0].passed);
  CHECK(evaluate(*parse_expectation("stream 7: close=fin").assertion, flows)[0].found ==
        "no such connection (the capture has 2)");
}
