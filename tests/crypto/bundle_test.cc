#include "crypto/bundle.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>

#include "testing.h"
#include "util/strings.h"

namespace sawt::crypto {
namespace {

namespace fs = std::filesystem;

struct Keys {
  std::string sign_public = std::string(crypto_sign_PUBLICKEYBYTES, '\0');
  SecretBytes sign_secret{crypto_sign_SECRETKEYBYTES};
  std::string box_public = std::string(crypto_box_PUBLICKEYBYTES, '\0');
  SecretBytes box_secret{crypto_box_SECRETKEYBYTES};
  Keys() {
    init();
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(sign_public.data()), sign_secret.data());
    crypto_box_keypair(reinterpret_cast<unsigned char*>(box_public.data()), box_secret.data());
  }
  [[nodiscard]] BundleSigner signer() const { return {sign_public, &sign_secret}; }
};

class BundleTest : public ::testing::Test {
 protected:
  // Two entries, the second spanning several 64 KiB stream chunks.
  std::vector<BundleEntry> entries() {
    std::string big;
    for (int i = 0; i < 6000; ++i) big += "SHAREMARKER-" + std::to_string(i) + ",مرحبابالعالم\n";
    return {{"manifest.json", R"({"format":"test"})"}, {"records.csv", big}};
  }
  fs::path write(const Keys& to) {
    const fs::path p = tmp / ("b" + std::to_string(++n) + ".bundle");
    auto id = write_bundle(p, {to.box_public}, sender.signer(), entries());
    EXPECT_TRUE(id) << id.error().describe();
    return p;
  }
  Result<OpenedBundle> open(const fs::path& p, const Keys& as, const Keys& from) {
    return read_bundle(p, as.box_public, as.box_secret, from.sign_public);
  }
  sawt::testing::TempDir tmp;
  Keys sender, partner, stranger;
  int n = 0;
};

TEST_F(BundleTest, RoundTripsAndKeepsNothingReadable) {
  const auto p = write(partner);
  const auto bytes = sawt::testing::read_file(p);
  EXPECT_EQ(bytes.find("SHAREMARKER"), std::string::npos);
  EXPECT_EQ(bytes.find("مرحبا"), std::string::npos);
  EXPECT_EQ(bytes.find("records.csv"), std::string::npos);  // entry names are inside the encryption
  auto info = bundle_info(p);
  ASSERT_TRUE(info) << info.error().describe();
  EXPECT_EQ(info->bundle_id.size(), 32u);
  ASSERT_EQ(info->recipients.size(), 1u);
  EXPECT_EQ(info->recipients[0], partner.box_public);
  auto b = open(p, partner, sender);
  ASSERT_TRUE(b) << b.error().describe();
  EXPECT_EQ(b->info.bundle_id, info->bundle_id);
  EXPECT_EQ(b->sender_sign_public, sender.sign_public);
  ASSERT_EQ(b->entries.size(), 2u);
  EXPECT_EQ(b->entries[0].name, "manifest.json");
  EXPECT_EQ(b->entries[1].bytes, entries()[1].bytes);
}

TEST_F(BundleTest, RefusesAnotherRecipientAndAnotherSender) {
  const auto p = write(partner);
  auto not_ours = open(p, stranger, sender);
  ASSERT_FALSE(not_ours);
  EXPECT_EQ(not_ours.error().kind, ErrorKind::kAuth);
  auto other_sender = open(p, partner, stranger);
  ASSERT_FALSE(other_sender);
  EXPECT_EQ(other_sender.error().kind, ErrorKind::kAuth);
  EXPECT_NE(other_sender.error().hint.find(to_hex(sender.sign_public)), std::string::npos);
}

TEST_F(BundleTest, RefusesEveryFlippedByteTruncationAndExtension) {
  const auto p = write(partner);
  const std::string good = sawt::testing::read_file(p);
  // A byte in every region: magic, header, stream header, each chunk, the end.
  for (size_t off : {size_t{0}, size_t{10}, size_t{60}, good.size() / 3, good.size() / 2, good.size() - 1}) {
    std::string bad = good;
    bad[off] = static_cast<char>(bad[off] ^ 0x20);
    sawt::testing::write_file(tmp / "x.bundle", bad);
    auto r = open(tmp / "x.bundle", partner, sender);
    EXPECT_FALSE(r) << "flipped byte at " << off << " was accepted";
  }
  for (size_t cut : {good.size() - 1, good.size() - 20000, size_t{200}}) {
    sawt::testing::write_file(tmp / "t.bundle", good.substr(0, cut));
    auto r = open(tmp / "t.bundle", partner, sender);
    ASSERT_FALSE(r) << "truncated at " << cut;
    EXPECT_TRUE(r.error().kind == ErrorKind::kIntegrity || r.error().kind == ErrorKind::kBadInput);
  }
  sawt::testing::write_file(tmp / "e.bundle", good + "extra");
  auto extended = open(tmp / "e.bundle", partner, sender);
  ASSERT_FALSE(extended);
  EXPECT_EQ(extended.error().kind, ErrorKind::kIntegrity);
}

TEST_F(BundleTest, AnotherBundlesHeaderCannotBeSwappedIn) {
  // Same recipient, same sender, two bundles: the header of one with the body of the other.
  const auto a = sawt::testing::read_file(write(partner));
  const auto b = sawt::testing::read_file(write(partner));
  const auto header_end = [](const std::string& s) {
    std::uint32_t len = 0;
    std::memcpy(&len, s.data() + 8, 4);
    return 12 + static_cast<size_t>(len);
  };
  sawt::testing::write_file(tmp / "m.bundle", a.substr(0, header_end(a)) + b.substr(header_end(b)));
  EXPECT_FALSE(open(tmp / "m.bundle", partner, sender));
}

TEST_F(BundleTest, ABackupOrOtherFileIsNotABundle) {
  sawt::testing::write_file(tmp / "n.bundle", "SAWTBAK1 this is something else entirely");
  auto r = bundle_info(tmp / "n.bundle");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kBadInput);
}

}  // namespace
}  // namespace sawt::crypto
