#!/usr/bin/perl
# one_direction.pl FULL_JSON ONE_JSON ONE_TEXT NAME: see one_direction.sh.
use strict;
use warnings;
use JSON::PP;

my ($full_file, $one_file, $text_file, $name) = @ARGV;

# What an endpoint can reach by receiving alone (RFC 9293): a one-way read
# cannot see what the endpoint received, so it may lag behind the whole
# capture along these, but never be ahead of it or on another branch.
my %by_receiving = (
  SYN_SENT => [qw(SYN_RECEIVED ESTABLISHED)], SYN_RECEIVED => [qw(ESTABLISHED)],
  ESTABLISHED => [qw(CLOSE_WAIT)], FIN_WAIT_1 => [qw(FIN_WAIT_2 CLOSING TIME_WAIT)],
  FIN_WAIT_2 => [qw(TIME_WAIT)], CLOSING => [qw(TIME_WAIT)], LAST_ACK => [qw(CLOSED)],
);
sub lags_behind {
  my ($one, $whole) = @_;
  my @todo = ($one); my %seen;
  while (defined(my $s = shift @todo)) {
    return 1 if $s eq $whole;
    next if $seen{$s}++;
    push @todo, @{ $by_receiving{$s} // [] };
  }
  return 0;
}

# Packets by (time, seq, flags, length) -> [sender "addr port", its state after]; flow records.
sub load {
  my ($file) = @_;
  my (@packets, %ends, @flows);
  open my $h, '<', $file or die "$file: $!";
  while (<$h>) {
    my $r = eval { decode_json($_) } or next;
    my $type = $r->{type} // '';
    if ($type eq 'packet') { push @packets, $r; }
    elsif ($type eq 'flow') {
      $ends{$r->{stream}} = { orig => "$r->{'id.orig_h'} $r->{'id.orig_p'}", resp => "$r->{'id.resp_h'} $r->{'id.resp_p'}" };
      push @flows, $r;
    }
  }
  my %by_key;
  for my $p (@packets) {
    my $e = $ends{$p->{stream}} or next;
    my $key = join ' ', $p->{ts}, $p->{seq_abs}, $p->{flags}, $p->{len};
    $by_key{$key} = [$e->{$p->{dir}}, $p->{"$p->{dir}_state"}];
  }
  return (\%by_key, \@flows);
}

my ($full) = load($full_file);
my ($one, $flows) = load($one_file);
my @problems;
push @problems, "no packet records in the one-way read" unless %$one;
push @problems, "no flow records in the one-way read" unless @$flows;
for my $f (@$flows) {
  push @problems, "stream $f->{stream}: vantage $f->{vantage}" if $f->{vantage} eq 'both';
  push @problems, "stream $f->{stream}: handshake complete" if $f->{handshake} eq 'complete';
}
for my $key (sort keys %$one) {
  my ($who, $state) = @{ $one->{$key} };
  my $whole = $full->{$key} or next;
  next if $whole->[0] ne $who;  # the packet's sender is named differently: the roles compare below
  next if lags_behind($state, $whole->[1]);
  push @problems, "packet $key: $who is $state here, $whole->[1] in the whole capture";
}
open my $t, '<', $text_file or die "$text_file: $!";
while (<$t>) {
  push @problems, "says: " . substr($1, 0, 120) if /(ACKs data the capture never saw.*|content gap.*)/;
}
if (@problems) {
  print "CONTRADICTS $name:\n";
  print "  $_\n" for @problems[0 .. ($#problems < 4 ? $#problems : 4)];
  exit 1;
}
exit 0;
