#!/usr/bin/perl
# Holds `tcplens flows --format zeek` against the conn.log baselines of
# Zeek's own test suite (tests/zeek/conn_log_baselines.tsv), field by field.
#   compare_conn_log.pl TCPLENS ZEEK_CORPUS_DIR BASELINES_TSV EXCEPTIONS
# TCP and UDP rows are matched by 5-tuple (in order, for a reused 4-tuple) and
# every Zeek field is compared except ts and the ids (the baselines mask
# ts; uids come from Zeek's seeded generator), tunnel_parents (the uid of
# a tunnel connection tcplens does not log) and duration, which must agree
# within 1 ms. Rows of other protocols (ICMP) are counted, not compared: tcplens
# lists TCP connections and UDP flows. A difference must be listed in EXCEPTIONS
# ("TRACE ORIG_H ORIG_P RESP_H RESP_P FIELD  reason"; FIELD `*` stands for
# every difference of that 4-tuple, `missing` for a Zeek row tcplens does
# not have, `extra` for a tcplens row Zeek does not have); a listed
# exception that no longer differs fails too, so the list stays true.
use strict;
use warnings;

my ($tcplens, $corpus, $manifest, $exceptions_file) = @ARGV;
my @compared = qw(proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes
                  history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes ip_proto);

my %excused;
open my $ex, '<', $exceptions_file or die "$exceptions_file: $!";
while (<$ex>) {
  next if /^\s*(#|$)/;
  my ($trace, @rest) = split;
  my $key = join ' ', $trace, @rest[0 .. 4];
  $excused{$key} = { used => 0, reason => join(' ', @rest[5 .. $#rest]) };
}

# Rows of a conn.log: list of hashes by field name.
sub rows {
  my ($lines) = @_;
  my (@fields, @rows);
  for (@$lines) {
    chomp;
    if (/^#fields\t(.*)/) { @fields = split /\t/, $1; next; }
    next if /^#/ || !@fields;
    my @v = split /\t/, $_, -1;
    my %r;
    @r{@fields} = @v;
    push @rows, \%r;
  }
  return @rows;
}

sub key_of { my ($r) = @_; return join ' ', @$r{qw(id.orig_h id.orig_p id.resp_h id.resp_p)}; }

my ($traces, $connections, $fields_equal, $listed, $not_tcp, $failed) = (0, 0, 0, 0, 0, 0);
open my $m, '<', $manifest or die "$manifest: $!";
while (<$m>) {
  next if /^\s*(#|$)/;
  my ($trace, $baseline) = split;
  $traces++;
  open my $b, '<', "$corpus/baselines/$baseline" or die "$baseline: $!";
  my @zeek = rows([<$b>]);
  local $ENV{TZ} = 'UTC';
  my @out = `"$tcplens" flows --format zeek "$corpus/traces/$trace" 2>/dev/null`;
  if ($? != 0) { print "FAIL $trace: tcplens exited with ", $? >> 8, "\n"; $failed++; next; }
  my @lens = rows(\@out);
  my %ours;
  push @{ $ours{key_of($_)} }, $_ for @lens;
  for my $z (@zeek) {
    if ($z->{proto} ne 'tcp' && $z->{proto} ne 'udp') { $not_tcp++; next; }
    $connections++;
    my $key = key_of($z);
    my $t = shift @{ $ours{$key} // [] };
    my @differences;
    if (!defined $t) {
      @differences = (['missing', 'row', '(none)']);
    } else {
      for my $f (@compared) {
        next unless exists $z->{$f};
        my ($zv, $tv) = ($z->{$f}, $t->{$f} // '(none)');
        my $same = $f eq 'duration' && $zv ne '-' && $tv ne '-' ? abs($zv - $tv) <= 0.001 : $zv eq $tv;
        if ($same) { $fields_equal++; next; }
        push @differences, [$f, $zv, $tv];
      }
    }
    for my $d (@differences) {
      my ($f, $zv, $tv) = @$d;
      my $id = "$trace $key $f";
      if (my $e = $excused{$id} // $excused{"$trace $key *"}) {
        $e->{used}++;
        $listed++;
        next;
      }
      print "DIFF $id: zeek $zv, tcplens $tv\n";
      $failed++;
    }
  }
  for my $key (sort keys %ours) {
    for my $t (@{ $ours{$key} }) {
      if (my $e = $excused{"$trace $key extra"} // $excused{"$trace $key *"}) {
        $e->{used}++;
        $listed++;
        next;
      }
      print "DIFF $trace $key extra: tcplens lists a connection Zeek's conn.log does not\n";
      $failed++;
    }
  }
}
for my $id (sort keys %excused) {
  next if $excused{$id}{used};
  print "STALE exception (no longer differs, or no such row): $id\n";
  $failed++;
}
print "zeek conn.log: $traces traces, $connections TCP and UDP connections, $fields_equal fields equal, ",
      "$listed differences listed with reasons, $not_tcp rows of other protocols not compared, $failed failures\n";
exit($failed == 0 && $connections > 0 ? 0 : 1);
