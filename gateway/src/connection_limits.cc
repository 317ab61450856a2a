#include "connection_limits.h"

#include <sys/resource.h>

#include <algorithm>

namespace sentra::gateway {

ConnectionLimits::Slot::Slot(std::shared_ptr<ConnectionLimits> limits, std::string address)
    : limits_(std::move(limits)), address_(std::move(address)) {}

ConnectionLimits::Slot::~Slot() { limits_->Release(address_); }

std::shared_ptr<ConnectionLimits> ConnectionLimits::Create(ConnectionLimitOptions options) {
  return std::shared_ptr<ConnectionLimits>(new ConnectionLimits(options));
}

std::unique_ptr<ConnectionLimits::Slot> ConnectionLimits::TryOpen(const std::string& address) {
  {
    std::lock_guard lock(mutex_);
    if (open_ >= options_.max_total) return nullptr;
    if (options_.max_per_address != 0) {
      auto& from_address = per_address_[address];
      if (from_address >= options_.max_per_address) return nullptr;
      ++from_address;
    }
    ++open_;
  }
  return std::make_unique<Slot>(shared_from_this(), address);
}

void ConnectionLimits::Release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --open_;
  if (options_.max_per_address == 0) return;
  auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

bool ConnectionLimits::UnderPressure() const {
  std::lock_guard lock(mutex_);
  return static_cast<double>(open_) >= options_.pressure_share * static_cast<double>(options_.max_total);
}

std::size_t ConnectionLimits::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::string ConnectionKey(const boost::asio::ip::address& address) {
  if (address.is_v4()) return address.to_string();
  const auto v6 = address.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

std::size_t AffordableConnections(std::size_t wanted, std::size_t reserve) {
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) != 0) return wanted;
  if (files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &files);
    (void)getrlimit(RLIMIT_NOFILE, &files);
  }
  if (files.rlim_cur == RLIM_INFINITY) return wanted;
  const auto available = static_cast<std::size_t>(files.rlim_cur);
  return available > reserve ? std::min(wanted, available - reserve) : 0;
}

}  // namespace sentra::gateway
