// How many connections the gateway holds open, in total and per client
// address, so that one client cannot take every file descriptor (and with
// them /healthz and everyone else's requests). Past a share of the total
// the server also closes idle connections sooner.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sentra::gateway {

struct ConnectionLimitOptions {
  std::size_t max_total = 10'000;
  std::size_t max_per_address = 256;  // 0: no per-address limit (behind a proxy)
  // Under pressure once this share of max_total is open.
  double pressure_share = 0.75;
};

class ConnectionLimits : public std::enable_shared_from_this<ConnectionLimits> {
 public:
  // One open connection's place; frees it when destroyed.
  class Slot {
   public:
    Slot(std::shared_ptr<ConnectionLimits> limits, std::string address);
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    bool UnderPressure() const { return limits_->UnderPressure(); }

   private:
    std::shared_ptr<ConnectionLimits> limits_;
    std::string address_;
  };

  static std::shared_ptr<ConnectionLimits> Create(ConnectionLimitOptions options);

  // A place for a new connection from `address`, or null when it would
  // pass a limit.
  std::unique_ptr<Slot> TryOpen(const std::string& address);
  bool UnderPressure() const;
  std::size_t open() const;

 private:
  explicit ConnectionLimits(ConnectionLimitOptions options) : options_(options) {}
  void Release(const std::string& address);

  const ConnectionLimitOptions options_;
  mutable std::mutex mutex_;
  std::size_t open_ = 0;
  std::unordered_map<std::string, std::size_t> per_address_;
};

// What a client's connections are counted under: its IPv4 address, or its
// IPv6 /64, which one subscriber typically holds whole.
std::string ConnectionKey(const boost::asio::ip::address& address);

// The connection total this process can hold: `wanted`, or less when the
// file descriptor limit (raised to its hard maximum first) leaves less
// after `reserve` descriptors for everything else.
std::size_t AffordableConnections(std::size_t wanted, std::size_t reserve);

}  // namespace sentra::gateway
