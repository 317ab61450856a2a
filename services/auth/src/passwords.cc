#include "passwords.h"

#include <sodium.h>

#include <condition_variable>
#include <mutex>

#include "sentra/errors/errors.h"

namespace sentra::auth {

namespace {

class HashGate {
 public:
  void Configure(HashLimits limits) {
    std::lock_guard lock(mutex_);
    limits_ = limits;
  }

  // A turn to hash, waiting for one if the queue has room.
  absl::Status Enter() {
    std::unique_lock lock(mutex_);
    if (running_ < limits_.concurrency) {
      ++running_;
      return absl::OkStatus();
    }
    if (waiting_ >= limits_.max_waiting) return Busy();
    ++waiting_;
    const bool turn = turn_.wait_for(lock, limits_.max_wait, [&] { return running_ < limits_.concurrency; });
    --waiting_;
    if (!turn) return Busy();
    ++running_;
    return absl::OkStatus();
  }

  void Leave() {
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    turn_.notify_one();
  }

 private:
  static absl::Status Busy() {
    return errors::WithCode(absl::UnavailableError("too many sign-ins at once; try again in a moment"),
                            errors::kUnavailable);
  }

  std::mutex mutex_;
  std::condition_variable turn_;
  HashLimits limits_;
  int running_ = 0;
  int waiting_ = 0;
};

HashGate& Gate() {
  static HashGate gate;
  return gate;
}

// Runs `work` in a turn of the gate; the turn is given back however the
// work ends.
template <typename Work>
auto InTurn(Work work) -> absl::StatusOr<decltype(work())> {
  if (auto s = Gate().Enter(); !s.ok()) return s;
  struct Turn {
    ~Turn() { Gate().Leave(); }
  } turn;
  return work();
}

absl::StatusOr<std::string> HashUngated(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return absl::ResourceExhaustedError("out of memory while hashing a password");
  }
  return std::string(out);
}

}  // namespace

void LimitPasswordHashing(HashLimits limits) { Gate().Configure(limits); }

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  auto hashed = InTurn([&] { return HashUngated(password); });
  if (!hashed.ok()) return hashed.status();
  return *std::move(hashed);
}

absl::StatusOr<bool> VerifyPassword(std::string_view hash, std::string_view password) {
  const std::string terminated(hash);
  return InTurn([&] { return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0; });
}

absl::Status VerifyAgainstDummy(std::string_view password) {
  // Made outside the gate, once: it is not a caller's turn.
  static const std::string dummy = *HashUngated("dummy password for timing");
  return VerifyPassword(dummy, password).status();
}

}  // namespace sentra::auth
