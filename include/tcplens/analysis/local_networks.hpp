// Which addresses count as local for conn.log's local_orig/local_resp.
// Zeek's default (Site::private_address_space_is_local): its private
// address space is local, nothing else.
#pragma once
#include "tcplens/core/ip_address.hpp"

namespace tcplens {

bool in_private_address_space(const IpAddress& a);

}  // namespace tcplens
