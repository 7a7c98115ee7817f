#!/usr/bin/perl
# Per-frame agreement between tcplens' verdicts and tshark's tcp.analysis.*
# flags on one capture.
#   agreement.pl TSHARK_FIELDS TCPLENS_JSON CAPTURE_NAME EXCEPTIONS UNSEEN
# TSHARK_FIELDS: "frame,flag1,flag2,..." lines from tshark -T fields (in the
# order of @flags), one per frame tshark dissects as TCP; TCPLENS_JSON:
# `tcplens read --json` output.
# EXCEPTIONS: "CAPTURE FRAME FLAG # reason" (FRAME may be *): excused verdicts.
# UNSEEN: "CAPTURE COUNT # reason": frames tshark analyses as TCP that tcplens
# does not (tunnels, link types libpcap or tcplens cannot decode); a capture's
# unseen frames are excused only while their number is exactly COUNT.
# Prints:
#   "seen CAPTURE tshark_frames tcplens_frames unseen listed_unseen"
#   "flag CAPTURE FLAG both tshark_only tcplens_only excused" per flag
#   "diff CAPTURE FRAME FLAG tshark=0|1 tcplens=0|1" per unexcused difference
use strict;
use warnings;
use JSON::PP;

my @flags = qw(retransmission fast_retransmission spurious_retransmission out_of_order lost_segment
               ack_lost_segment duplicate_ack zero_window zero_window_probe zero_window_probe_ack
               window_full window_update keep_alive keep_alive_ack reused_ports);
my ($tshark_file, $json_file, $name, $exceptions, $unseen_list) = @ARGV;

sub entries {  # non-comment lines of a list file, split into words
  my ($file) = @_;
  open my $h, '<', $file or die "$file: $!";
  my @rows;
  while (<$h>) { s/#.*//; my @f = split; push @rows, \@f if @f; }
  return @rows;
}
my %excused = map { ("$_->[0] $_->[1] $_->[2]" => 1) } grep { @$_ >= 3 } entries($exceptions);
my %listed_unseen = map { ($_->[0] => $_->[1]) } grep { @$_ >= 2 } entries($unseen_list);

my (%tshark, %tcplens, %in_tshark, %in_tcplens);
open my $t, '<', $tshark_file or die "$tshark_file: $!";
while (<$t>) {
  chomp; my @v = split /,/, $_, -1; my $frame = shift @v;
  $in_tshark{$frame} = 1;
  for my $i (0 .. $#flags) { $tshark{"$frame $flags[$i]"} = 1 if defined $v[$i] && $v[$i] ne ''; }
}
my $json = JSON::PP->new;
open my $j, '<', $json_file or die "$json_file: $!";
while (<$j>) {
  my $r = eval { $json->decode($_) } or next;
  next unless ($r->{type} // '') eq 'packet';
  $in_tcplens{$r->{frame}} = 1;
  $tcplens{"$r->{frame} $_"} = 1 for @{ $r->{annotations} };
}
my @unseen = grep { !$in_tcplens{$_} } keys %in_tshark;
my $listed = $listed_unseen{$name} // 0;
my $unseen_excused = @unseen == $listed;
my %unseen = map { ($_ => 1) } @unseen;
printf "seen %s %d %d %d %d\n", $name, scalar(keys %in_tshark), scalar(keys %in_tcplens), scalar(@unseen), $listed;

my %frames = (%in_tshark, %in_tcplens);
for my $flag (@flags) {
  my ($both, $t_only, $l_only, $ok) = (0, 0, 0, 0);
  for my $frame (sort { $a <=> $b } keys %frames) {
    my ($a, $b) = ($tshark{"$frame $flag"} ? 1 : 0, $tcplens{"$frame $flag"} ? 1 : 0);
    if ($a && $b) { $both++; next; }
    next unless $a || $b;
    if ($excused{"$name $frame $flag"} || $excused{"$name * $flag"} || ($unseen{$frame} && $unseen_excused)) {
      $ok++;
      next;
    }
    $a ? $t_only++ : $l_only++;
    print "diff $name $frame $flag tshark=$a tcplens=$b\n";
  }
  print "flag $name $flag $both $t_only $l_only $ok\n";
}
