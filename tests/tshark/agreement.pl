#!/usr/bin/perl
# Per-frame agreement between tcplens' verdicts and tshark's tcp.analysis.*
# flags on one capture.
#   agreement.pl TSHARK_FIELDS TCPLENS_JSON CAPTURE_NAME EXCEPTIONS
# TSHARK_FIELDS: "frame,flag1,flag2,..." lines from tshark -T fields (in the
# order of @flags); TCPLENS_JSON: `tcplens read --json` output.
# Prints one line per flag: "name CAPTURE FLAG both tshark_only tcplens_only excused"
# and each unexcused difference as "diff CAPTURE FRAME FLAG tshark=0|1 tcplens=0|1".
use strict;
use warnings;
use JSON::PP;

my @flags = qw(retransmission fast_retransmission spurious_retransmission out_of_order lost_segment
               ack_lost_segment duplicate_ack zero_window zero_window_probe zero_window_probe_ack
               window_full window_update keep_alive keep_alive_ack reused_ports);
my ($tshark_file, $json_file, $name, $exceptions) = @ARGV;

# Exceptions: "CAPTURE FRAME FLAG # reason" (FRAME may be * for every frame).
my %excused;
if (open my $ex, '<', $exceptions) {
  while (<$ex>) {
    s/#.*//; my @f = split; next unless @f >= 3;
    $excused{"$f[0] $f[1] $f[2]"} = 1;
  }
}

my (%tshark, %tcplens, %frames);
open my $t, '<', $tshark_file or die "$tshark_file: $!";
while (<$t>) {
  chomp; my @v = split /,/, $_, -1; my $frame = shift @v;
  $frames{$frame} = 1;
  for my $i (0 .. $#flags) { $tshark{"$frame $flags[$i]"} = 1 if defined $v[$i] && $v[$i] ne ''; }
}
my $json = JSON::PP->new;
open my $j, '<', $json_file or die "$json_file: $!";
while (<$j>) {
  my $r = eval { $json->decode($_) } or next;
  next unless ($r->{type} // '') eq 'packet';
  $frames{$r->{frame}} = 1;
  $tcplens{"$r->{frame} $_"} = 1 for @{ $r->{annotations} };
}
for my $flag (@flags) {
  my ($both, $t_only, $l_only, $ok) = (0, 0, 0, 0);
  for my $frame (sort { $a <=> $b } keys %frames) {
    my ($a, $b) = ($tshark{"$frame $flag"} ? 1 : 0, $tcplens{"$frame $flag"} ? 1 : 0);
    if ($a && $b) { $both++; next; }
    next unless $a || $b;
    if ($excused{"$name $frame $flag"} || $excused{"$name * $flag"} || $excused{"$name * *"}) { $ok++; next; }
    $a ? $t_only++ : $l_only++;
    print "diff $name $frame $flag tshark=$a tcplens=$b\n";
  }
  print "flag $name $flag $both $t_only $l_only $ok\n";
}
