#!/usr/bin/perl
# The --plain contract, applied to tcpdump's output: keep the packets whose
# text contains ": Flags [", cut each after the TCP part's ", length N"
# (a GRE header before it has a length of its own) but keep an HTTP
# suffix (": HTTP..."), and leave packets without a length (truncated, bad
# options) whole. A packet is one line, except that tcpdump ends a VXLAN
# header with a newline and prints the inner frame on the next line: those
# two lines are one packet. Indented continuation lines (-v) are dropped.
use strict;
use warnings;
my $vxlan_header = qr/VXLAN, flags \[[^\]]*\] \(0x[0-9a-f]{2}\), vni \d+$/;
while (my $line = <STDIN>) {
  next if $line =~ /^(\t| {4})/;  # -v continuation lines
  chomp $line;
  while ($line =~ $vxlan_header) {
    my $next = <STDIN>;
    last unless defined $next;
    chomp $next;
    $line .= "\n" . $next;
  }
  next unless $line =~ /: Flags \[/;
  if ($line =~ /^(.*?: Flags \[.*?, length \d+)(: HTTP.*)?/s) {
    print $1, (defined $2 ? $2 : ""), "\n";
  } else {
    print $line, "\n";
  }
}
