#!/usr/bin/perl
# The --plain contract, applied to tcpdump's output: keep the lines that
# contain ": Flags [", cut each after ", length N" but keep an HTTP suffix
# (": HTTP..."), and leave lines without a length (truncated, bad options)
# whole. Indented continuation lines never contain ": Flags [" at the start of
# a packet line and are dropped with everything else.
use strict;
use warnings;
while (my $line = <STDIN>) {
  next unless $line =~ /: Flags \[/;
  next if $line =~ /^(\t| {4})/;  # -v continuation lines
  chomp $line;
  if ($line =~ /^(.*?, length \d+)(: HTTP.*)?/) {
    print $1, (defined $2 ? $2 : ""), "\n";
  } else {
    print $line, "\n";
  }
}
