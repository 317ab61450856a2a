// The Ed25519 keys auth signs access tokens with. The first replica to start
// creates one; the secret half is stored sealed (XSalsa20-Poly1305) under the
// master key from SENTRA_AUTH_SECRET.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "sentra/auth/v1/auth.pb.h"
#include "sentra/db/pool.h"
#include "sentra/jwt/jwt.h"

namespace sentra::auth {

using MasterKey = std::array<unsigned char, 32>;

class KeyRing {
 public:
  explicit KeyRing(MasterKey master) : master_(master) {}

  // Loads the newest unretired key, creating one if there is none.
  absl::Status Load(db::Pool& pool);

  const jwt::SigningKey& active() const { return active_; }
  const std::vector<v1::Jwk>& jwks() const { return jwks_; }

 private:
  MasterKey master_;
  jwt::SigningKey active_;
  std::vector<v1::Jwk> jwks_;
};

}  // namespace sentra::auth
