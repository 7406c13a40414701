// Which network addresses llmtwin may connect to.
//
// A crawler fed links from the open web must not be turned against the machine it runs on or its
// network (SSRF): loopback, private (RFC 1918, unique-local), link-local (including cloud metadata
// at 169.254.169.254), carrier-grade NAT, multicast, reserved and unspecified addresses are
// refused unless `allow_private_addresses` is set. The fetcher checks the address each new
// connection actually goes to (after DNS, on every redirect hop), not the host name.
#pragma once

#include <sys/socket.h>

#include <string>

namespace llmtwin {

// Whether connecting to `address` is allowed without allow_private_addresses.
bool IsPublicAddress(const sockaddr* address);

// "127.0.0.1", "::1", ... for messages.
std::string AddressToString(const sockaddr* address);

}  // namespace llmtwin
