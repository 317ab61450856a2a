#include "key_ring.h"

#include <sodium.h>

#include "sentra/db/transaction.h"
#include "sentra/ids/uuid.h"

namespace sentra::auth {

namespace {

constexpr db::Query kKeys{"keys.list",
                          "SELECT kid, public_key, sealed_secret FROM signing_keys "
                          "WHERE retired_at IS NULL ORDER BY created_at DESC"};
constexpr db::Query kInsert{"keys.insert",
                            "INSERT INTO signing_keys (kid, public_key, sealed_secret) VALUES ($1, $2, $3)"};
constexpr db::Query kLock{"keys.lock", "SELECT pg_advisory_xact_lock(hashtext('auth.signing_keys'))"};

std::string_view AsChars(const unsigned char* p, std::size_t n) {
  return std::string_view(reinterpret_cast<const char*>(p), n);
}

}  // namespace

absl::Status KeyRing::Load(db::Pool& pool) {
  return db::InTransaction(pool, {}, [&](db::Transaction& tx) -> absl::Status {
    // Replicas starting together must not each create a key.
    if (auto s = tx.Execute(kLock); !s.ok()) return s.status();
    auto rows = tx.Execute(kKeys);
    if (!rows.ok()) return rows.status();
    if (rows->rows() == 0) {
      jwt::SigningKey key{"k" + ids::NewUuidV7().substr(0, 8) + ids::NewUuidV7().substr(24), {}, {}};
      crypto_sign_keypair(key.public_key.data(), key.secret.data());
      std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + key.secret.size(), '\0');
      auto* out = reinterpret_cast<unsigned char*>(sealed.data());
      randombytes_buf(out, crypto_secretbox_NONCEBYTES);
      crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, key.secret.data(), key.secret.size(),
                            out, master_.data());
      auto inserted = tx.Execute(kInsert, key.kid,
                                 db::Bytes{AsChars(key.public_key.data(), key.public_key.size())},
                                 db::Bytes{sealed});
      if (!inserted.ok()) return inserted.status();
      rows = tx.Execute(kKeys);
      if (!rows.ok()) return rows.status();
    }
    jwks_.clear();
    for (int i = 0; i < rows->rows(); ++i) {
      const std::string kid = rows->String(i, 0);
      const std::string public_key = rows->Bytes(i, 1);
      if (public_key.size() != crypto_sign_PUBLICKEYBYTES) return absl::DataLossError("corrupt signing key");
      v1::Jwk jwk;
      jwk.set_kty("OKP");
      jwk.set_crv("Ed25519");
      jwk.set_x(jwt::Base64UrlEncode(public_key));
      jwk.set_kid(kid);
      jwk.set_alg("EdDSA");
      jwk.set_use("sig");
      jwks_.push_back(jwk);
      if (i > 0) continue;
      const std::string sealed = rows->Bytes(i, 2);
      if (sealed.size() != crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + 64) {
        return absl::DataLossError("corrupt sealed signing key");
      }
      const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
      active_.kid = kid;
      std::copy(public_key.begin(), public_key.end(), active_.public_key.begin());
      if (crypto_secretbox_open_easy(active_.secret.data(), in + crypto_secretbox_NONCEBYTES,
                                     sealed.size() - crypto_secretbox_NONCEBYTES, in,
                                     master_.data()) != 0) {
        return absl::FailedPreconditionError(
            "cannot open the signing key: SENTRA_AUTH_SECRET differs from the one it was sealed with");
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace sentra::auth
