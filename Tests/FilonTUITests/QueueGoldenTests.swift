import FilonCore
import Testing

@testable import FilonTUI

/// The telepro's screen as text, at the minimum size and at a wide one.
@Suite("Queue screens, as text")
struct QueueGoldenTests {
    @Test("80×24: the queue, the card with its history below the fields, the result of n")
    func queue80x24() throws {
        let app = Workday.app(try Workday.database())
        app.press("n")
        #expect(
            app.render().text == """
                 Filon · Tina Morel (telepro) · queue 5 · due 1 · 1 alert · pass 09:05      1/5
                   T Pts My queue                  Status       │ Card                  1–20/29
                 C B  42 Atelier Éléonore          Nouveau      │ Atelier Éléonore
                 S C  20 Œuvre Commune             Contacté     │ SIREN      900 000 001
                 R B  55 Gaëlle MARTIN             À contacter  │ HQ SIRET   900 000 001 00012
                 · A  80 作 Studio                 Intéressé    │ Legal form Société à
                 · B  61 Boulangerie Dupain        Nouveau      │            responsabilité li…
                                                                │ Created    2025-11-20
                                                                │ State      Active
                                                                │ Address    12 RUE DE LA RÉPU…
                                                                │            69003 LYON 3
                                                                │ NAF        62.01Z
                                                                │            Programmation inf…
                                                                │ Size       10 à 19 salariés
                                                                │ Directors  Éléonore DURAND (…
                                                                │ Emails     —
                                                                │ Phones     04 78 00 00 00
                                                                │ Website    atelier-eleonore.…
                                                                │ Google     —
                                                                │ Notes      Rappeler après 14
                                                                │            h
                                                                │ Score      42
                 next: Atelier Éléonore (personal callback, tier B, 42 pts), reserved 15 min
                 n next  c call  1–9 outcome  N note  f follow-up  s status  ? help  q quit
                """)
        // The history is under the fields: the card scrolls to it.
        app.press(.tab, .end)
        #expect(
            app.render().text.hasSuffix(
                """
                                                                │ Imported   2025-11-21
                                                                │
                                                                │ History (1)
                                                                │ 30/11 11:00 · note · Tina Mo…
                                                                │   Gérante en congés, rappeler
                                                                │   mardi
                 next: Atelier Éléonore (personal callback, tier B, 42 pts), reserved 15 min
                 n next  c call  1–9 outcome  N note  f follow-up  s status  ? help  q quit
                """))
    }

    @Test("80×24: the callback prompt of outcome 6")
    func callbackPrompt80x24() throws {
        let app = Workday.app(try Workday.database())
        app.press("jjj6")
        #expect(
            app.render().text == """
                 Filon · Tina Morel (telepro) · queue 5 · due 1 · 1 alert · pass 09:05      4/5
                   T Pts My queue                  Status       │ Card                  1–20/23
                 C B  42 Atelier Éléonore          Nouveau      │ 作 Studio
                 S C  20 Œuvre Commune             Contacté     │ SIREN      900 000 004
                 R B  55 Gaëlle MARTIN             À contacter  │ HQ SIRET   —
                 · A  80 作 Studio                 Intéressé    │ Legal form —
                 · B  61 Boulangerie Dupain        Nouveau      │ Created    2025-09-15
                                                                │ State      Active
                                                                │ Address    MARSEILLE
                                                                │ NAF        —
                                                                │ Size       —
                                                                │ Directors  —
                                                                │ Emails     —
                                                                │ Phones     —
                                                                │ Website    —
                                                                │ Google     —
                                                          ┌─ Callback for 作 Studio ──────────┐
                                                          │ 1  tomorrow 9:00 (02/12 09:00)    │
                                                          │ 2  in 3 days (04/12 09:00)        │
                                                          │ 3  next week (Monday 07/12 09:00) │
                                                          │ 4  type a date…                   │
                                                          └───────────────────────────────────┘
                 Callback for 作 Studio: pick one
                 1–9 choose  j/k move  Enter take  Esc cancel
                """)
        let grid = app.render()
        #expect(grid.role(row: 17, column: 45) == .selected)  // the first choice is highlighted
        #expect(grid.role(row: 18, column: 45) == .value)
    }

    @Test("160×48: the history has its own pane, newest first, with who did what")
    func queue160x48() throws {
        let app = Workday.app(try Workday.database(), width: 160, height: 48)
        app.press("N")
        app.press("Devis envoyé, relancer vendredi")
        app.press(.enter)
        app.press("f1")
        app.press(.tab, .tab)
        #expect(app.focus == .history)
        let blank = String(repeating: " ", count: 60) + "│" + String(repeating: " ", count: 49) + "│"
        let expected =
            [
                " Filon · test.sqlite · Tina Morel (telepro) · queue 5 · follow-ups due today 1 · 1 alert · daemon pass 09:05                                                1/5",
                "   T Pts My queue                   City       Status       │ Card                                            │ History (3)",
                " C B  42 Atelier Éléonore           LYON 3     Nouveau      │ Atelier Éléonore                                │ 01/12 10:30 · follow-up · Tina Morel",
                " S C  20 Œuvre Commune              PARIS 11   Contacté     │ SIREN      900 000 001                          │   due 02/12 09:00 — personal",
                " R B  55 Gaëlle MARTIN              NANTES     À contacter  │ HQ SIRET   900 000 001 00012                    │ 01/12 10:30 · note · Tina Morel",
                " · A  80 作 Studio                  MARSEILLE  Intéressé    │ Legal form Société à responsabilité limitée     │   Devis envoyé, relancer vendredi",
                " · B  61 Boulangerie Dupain         LILLE      Nouveau      │            (sans autre indication)              │ 30/11 11:00 · note · Tina Morel",
                "                                                            │ Created    2025-11-20                           │   Gérante en congés, rappeler mardi",
                "                                                            │ State      Active                               │",
                "                                                            │ Address    12 RUE DE LA RÉPUBLIQUE              │",
                "                                                            │            69003 LYON 3                         │",
                "                                                            │ NAF        62.01Z Programmation informatique    │",
                "                                                            │ Size       10 à 19 salariés                     │",
                "                                                            │ Directors  Éléonore DURAND (Gérante)            │",
                "                                                            │ Emails     —                                    │",
                "                                                            │ Phones     04 78 00 00 00                       │",
                "                                                            │ Website    atelier-eleonore.fr                  │",
                "                                                            │ Google     —                                    │",
                "                                                            │ Notes      Rappeler après 14 h Devis envoyé,    │",
                "                                                            │            relancer vendredi                    │",
                "                                                            │ Score      42                                   │",
                "                                                            │ Status     Nouveau                              │",
                "                                                            │ Owner      Tina Morel                           │",
                "                                                            │ Sources    sirene_stock                         │",
                "                                                            │ Imported   2025-11-21                           │",
            ] + Array(repeating: blank, count: 21) + [
                " follow-up on Atelier Éléonore at 02/12 09:00",
                " j/k move  PgDn/PgUp page  g/G top/bottom  Tab pane  n next  c call  1–9 outcome  N note  f follow-up  s status  / search  t today  e email  ? help  q quit",
            ]
        #expect(app.render().text == expected.joined(separator: "\n"))
        let grid = app.render()
        #expect(grid.role(row: 1, column: 112) == .header)  // the focused history's title
        #expect(grid.role(row: 1, column: 62) == .muted)
        #expect(grid.role(row: 2, column: 112) == .muted)  // when, what, who
        #expect(grid.role(row: 3, column: 114) == .value)  // the text
    }
}
