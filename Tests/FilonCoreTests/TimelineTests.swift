import FilonCore
import GRDB
import Testing

/// A prospect's history mixes people's actions and the registries' changes, newest first.
@Suite struct TimelineTests {
    @Test func actionsAndRegistryChangesInOneListNewestFirst() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO user (id, login, name, role, created_at) VALUES (1, 'tina', 'Tina Martin', 'telepro', 'x')"
            )
            try db.execute(sql: "INSERT INTO company (siren, denomination, row_hash) VALUES (552100554, 'ALPHA', 1)")
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, detail, created_at)
                    VALUES (552100554, NULL, 'assignment', 'telemarketing: least loaded telepro', '2026-11-20T08:00:00Z')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, disposition, old_value, new_value, created_at)
                    VALUES (552100554, 1, 'call', 'no_answer', 'nouveau', 'a_contacter', '2026-11-21T09:00:00Z')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO change_event (siren, kind, old_value, new_value, source, detected_at)
                    VALUES (552100554, 'directors', 'Jean DUPONT', 'Sophie DURAND', 'rne', '2026-11-22T03:00:00Z')
                    """)
        }
        let entries = try db.timeline(siren: 552_100_554)
        #expect(entries.map(\.kind) == ["registry directors", "call", "assignment"])
        #expect(entries[0].who == "rne" && entries[0].text == "Jean DUPONT → Sophie DURAND")
        #expect(entries[1].who == "Tina Martin" && entries[1].text == "Pas de réponse")
        #expect(entries[2].who == nil && entries[2].text == "telemarketing: least loaded telepro")
        #expect(try db.timeline(siren: 552_100_554, limit: 1).count == 1)
    }

    @Test func aTimedCallShowsHowLongItLasted() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(sql: "INSERT INTO company (siren, denomination, row_hash) VALUES (552100554, 'ALPHA', 1)")
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, kind, disposition, detail, duration_seconds, created_at)
                    VALUES (552100554, 'call', 'interested', 'devis', 3723, '2026-11-21T09:00:00Z'),
                      (552100554, 'call', 'voicemail', NULL, 42, '2026-11-22T09:00:00Z')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO change_event (siren, kind, old_value, new_value, source, detected_at)
                    VALUES (552100554, 'name', 'ALPHA', 'BETA', 'sirene', '2026-11-23T03:00:00Z')
                    """)
        }
        let entries = try db.timeline(siren: 552_100_554)
        #expect(entries.map(\.durationSeconds) == [nil, 42, 3723])
        #expect(entries.map(\.text) == ["ALPHA → BETA", "Messagerie — call 00:42", "Intéressé — call 1:02:03 — devis"])
    }
}
