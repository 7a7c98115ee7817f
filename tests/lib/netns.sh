# Shared by the tests that make real traffic (live, kernel): source it.
#   netns_pair A B SUBNET   namespaces A and B joined by a veth pair (devices
#                           A0 in A, B0 in B), addressed SUBNET.1/24 and
#                           SUBNET.2/24, with lo up; the caller deletes them.
netns_pair() {
  local a=$1 b=$2 net=$3
  ip netns add "$a"; ip netns add "$b"
  ip link add "${a}0" type veth peer name "${b}0"
  ip link set "${a}0" netns "$a"; ip link set "${b}0" netns "$b"
  ip -n "$a" addr add "$net.1/24" dev "${a}0"; ip -n "$b" addr add "$net.2/24" dev "${b}0"
  ip -n "$a" link set "${a}0" up; ip -n "$b" link set "${b}0" up
  ip -n "$a" link set lo up; ip -n "$b" link set lo up
}
