#include "crypto/keyfile.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdlib>

namespace sawt::crypto {
namespace {

KdfParams fast() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

TEST(KeyFile, RoundTripsAndUnlocksWithThePassphraseOnly) {
  auto created = KeyFile::create(make_passphrase("a good passphrase"), "owner", fast());
  ASSERT_TRUE(created);
  auto& [file, key] = *created;
  auto parsed = KeyFile::parse(file.serialize(), "sawt.key");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  auto unlocked = parsed->unlock(make_passphrase("a good passphrase"));
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(sodium_memcmp(unlocked->key.data(), key.data(), 32), 0);
  auto wrong = parsed->unlock(make_passphrase("a bad passphrase"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::kAuth);
}

TEST(KeyFile, RecoveryKeyOpensWithTypingSlips) {
  auto created = KeyFile::create(make_passphrase("a good passphrase"), "owner", fast());
  ASSERT_TRUE(created);
  auto& [file, key] = *created;
  auto text = file.set_recovery(key, fast());
  ASSERT_TRUE(text);
  EXPECT_EQ(text->size(), 39U);  // 32 characters in 8 groups of 4
  std::string sloppy;
  for (char c : *text) {
    if (c == '-') continue;
    sloppy += static_cast<char>(c == '0' ? 'o' : (c == '1' ? 'l' : std::tolower(c)));
  }
  auto unlocked = file.unlock(make_passphrase(sloppy));
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(file.slots()[unlocked->slot].kind, "recovery");
  // A second recovery key replaces the first.
  auto again = file.set_recovery(key, fast());
  ASSERT_TRUE(again);
  EXPECT_FALSE(file.unlock(make_passphrase(*text)));
  EXPECT_TRUE(file.unlock(make_passphrase(*again)));
}

TEST(KeyFile, ChangingThePassphraseRewrapsTheSameKey) {
  auto created = KeyFile::create(make_passphrase("old passphrase"), "owner", fast());
  ASSERT_TRUE(created);
  auto& [file, key] = *created;
  ASSERT_TRUE(file.replace_passphrase(0, key, make_passphrase("new passphrase"), fast()));
  EXPECT_FALSE(file.unlock(make_passphrase("old passphrase")));
  auto unlocked = file.unlock(make_passphrase("new passphrase"));
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(sodium_memcmp(unlocked->key.data(), key.data(), 32), 0);
}

TEST(KeyFile, EscrowSlotOpensWithThePartnersSecretKey) {
  auto created = KeyFile::create(make_passphrase("a good passphrase"), "owner", fast());
  ASSERT_TRUE(created);
  auto& [file, key] = *created;
  std::string pk(32, '\0');
  SecretBytes sk(32);
  crypto_box_keypair(reinterpret_cast<unsigned char*>(pk.data()), sk.data());
  ASSERT_TRUE(file.add_escrow(key, pk, "partner NGO"));
  auto parsed = KeyFile::parse(file.serialize(), "k");
  ASSERT_TRUE(parsed);
  auto opened = parsed->unlock_escrow(pk, sk);
  ASSERT_TRUE(opened);
  EXPECT_EQ(sodium_memcmp(opened->data(), key.data(), 32), 0);
}

TEST(KeyFile, IdentityKeysOpenOnlyWithTheDatabaseKey) {
  auto created = KeyFile::create(make_passphrase("a good passphrase"), "owner", fast());
  ASSERT_TRUE(created);
  auto& [file, key] = *created;
  auto id = file.identity(key);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->sign_public, file.sign_public());
  SecretBytes other(32);
  randombytes_buf(other.data(), 32);
  EXPECT_FALSE(file.identity(other));
}

TEST(KeyFile, RejectsHostileParameters) {
  auto created = KeyFile::create(make_passphrase("a good passphrase"), "owner", fast());
  ASSERT_TRUE(created);
  std::string text = created->first.serialize();
  const std::string needle = "\"opslimit\": 1";
  const auto pos = text.find(needle);
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, needle.size(), "\"opslimit\": 100000");
  auto parsed = KeyFile::parse(text, "sawt.key");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, ErrorKind::kBadInput);
  EXPECT_NE(parsed.error().message.find("bounds"), std::string::npos);
  for (const char* junk : {"", "{}", "[1,2]", "{\"format\":\"sawt-keyfile\",\"version\":9}", "\xff\xfe"}) {
    EXPECT_FALSE(KeyFile::parse(junk, "x")) << junk;
  }
}

}  // namespace
}  // namespace sawt::crypto
