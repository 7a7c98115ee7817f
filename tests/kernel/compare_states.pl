#!/usr/bin/perl
# Holds tcplens' per-endpoint states against the kernel's (kernel_states.sh).
#   compare_states.pl SCENARIO CLIENT_SS SERVER_SS TCPLENS_JSON
# CLIENT_SS / SERVER_SS: `ss -tanH` snapshots separated by "--" lines, taken
# in the client's and the server's namespace. Prints one line per endpoint
# and exits 1 when the kernel's distinct states are not a subsequence of
# tcplens', or the final states differ.
use strict;
use warnings;
use JSON::PP;

my ($scenario, $client_ss, $server_ss, $json_file) = @ARGV;
my %name = ('SYN-SENT' => 'SYN_SENT', 'SYN-RECV' => 'SYN_RECEIVED', 'ESTAB' => 'ESTABLISHED',
            'FIN-WAIT-1' => 'FIN_WAIT_1', 'FIN-WAIT-2' => 'FIN_WAIT_2', 'CLOSE-WAIT' => 'CLOSE_WAIT',
            'LAST-ACK' => 'LAST_ACK', 'CLOSING' => 'CLOSING', 'TIME-WAIT' => 'TIME_WAIT');

# The connection's socket on one side: the state in each snapshot, or
# undef when absent. $mine: a regexp for the local address of that socket.
sub kernel_states {
  my ($file, $local_re, $peer_re) = @_;
  open my $h, '<', $file or die "$file: $!";
  my (@seq, $current, $seen);
  my $snapshot;
  my $flush = sub {
    my $state = $snapshot;
    if (defined $state) { $seen = 1; }
    elsif ($seen) { $state = 'CLOSED'; }
    push @seq, $state if defined $state && (!@seq || $seq[-1] ne $state);
    undef $snapshot;
  };
  while (<$h>) {
    if (/^--/) { $flush->(); next; }
    my ($state, undef, undef, $local, $peer) = split;
    next unless defined $peer && $local =~ $local_re && $peer =~ $peer_re;
    $snapshot = $name{$state} // $state;
  }
  # An absence followed by a state is not a close: a snapshot taken while
  # the kernel swaps the full socket for its TIME_WAIT one lists neither
  # (seen once in CI: FIN_WAIT_2 CLOSED TIME_WAIT).
  my @kept;
  for my $i (0 .. $#seq) {
    next if $seq[$i] eq 'CLOSED' && $i < $#seq;
    push @kept, $seq[$i] unless @kept && $kept[-1] eq $seq[$i];
  }
  return @kept;
}

sub is_subsequence {
  my ($small, $big) = @_;
  my $i = 0;
  for my $s (@$big) { $i++ if $i < @$small && $small->[$i] eq $s; }
  return $i == @$small;
}

my (%seq, %final);
open my $j, '<', $json_file or die "$json_file: $!";
while (<$j>) {
  my $r = eval { decode_json($_) } or next;
  if (($r->{type} // '') eq 'packet') {
    for my $c (@{ $r->{changes} }) {
      my $s = $seq{$c->{endpoint}} //= [];
      push @$s, $c->{from} unless @$s && $s->[-1] eq $c->{from};
      push @$s, $c->{to};
    }
  } elsif (($r->{type} // '') eq 'flow') {
    %final = (orig => $r->{orig_state}, resp => $r->{resp_state});
  }
}

my @client = kernel_states($client_ss, qr/^10\.252\.0\.1:/, qr/^10\.252\.0\.2:/);
my @server = kernel_states($server_ss, qr/^10\.252\.0\.2:/, qr/^10\.252\.0\.1:/);
my $ok = 1;
for my $side (['client', 'orig', \@client], ['server', 'resp', \@server]) {
  my ($who, $role, $kernel) = @$side;
  my $lens = $seq{$role} // [];
  my $lens_final = $final{$role} // 'none';
  # No socket at all on that side (refused: nothing listens): tcplens must
  # end it CLOSED.
  my $kernel_final = @$kernel ? $kernel->[-1] : 'CLOSED';
  my $good = is_subsequence($kernel, $lens) && $kernel_final eq $lens_final;
  printf "%-4s %-14s %-6s kernel: %s\n", $good ? 'ok' : 'DIFF', $scenario, $who, join(' ', @$kernel);
  printf "%-4s %-14s %-6s tcplens: %s (final %s)\n", '', '', '', join(' ', @$lens), $lens_final;
  $ok &&= $good;
}
exit($ok ? 0 : 1);
