import Testing

@testable import FilonCore

/// The hand-written SHA-256 against FIPS 180-4's published vectors: a wrong hash would let a
/// suppressed number through without any other test noticing.
@Suite struct SHA256Tests {
    @Test(
        "R7: SHA-256 gives the published digests",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "The quick brown fox jumps over the lazy dog",
                "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
            ),
        ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test("R7: SHA-256 of a million 'a' (many blocks)")
    func millionA() {
        #expect(
            SHA256.hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("R7: a suppression hash is of the normalised value with its kind's prefix")
    func suppressionHash() {
        #expect(
            SuppressionList.hash("06 12 34 56 78", kind: .phone)
                == SHA256.hex("filon-suppression:phone:+33612345678"))
        #expect(
            SuppressionList.hash(" Jean.Dupont@Alpha.FR ", kind: .email)
                == SuppressionList.hash("jean.dupont@alpha.fr", kind: .email))
        #expect(SuppressionList.hash("0612345678", kind: .phone) != SuppressionList.hash("0612345678", kind: .email))
    }
}
