/// The eleven public holidays of metropolitan France: eight fixed dates and three that follow
/// Easter. Alsace-Moselle's two extra days (Good Friday, 26 December) are not included.
public enum FrenchPublicHolidays {
    /// Easter Sunday of the Gregorian `year` (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> (month: Int, day: Int) {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return (n / 31, n % 31 + 1)
    }

    /// The holidays of `year`, in date order, with their French names.
    public static func holidays(year: Int) -> [(month: Int, day: Int, name: String)] {
        let easter = easterSunday(year: year)
        let movable = [(1, "Lundi de Pâques"), (39, "Ascension"), (50, "Lundi de Pentecôte")].map {
            let (month, day) = adding(days: $0.0, toMonth: easter.month, day: easter.day)
            return (month: month, day: day, name: $0.1)
        }
        let fixed = [
            (month: 1, day: 1, name: "Jour de l'an"), (month: 5, day: 1, name: "Fête du Travail"),
            (month: 5, day: 8, name: "Victoire 1945"), (month: 7, day: 14, name: "Fête nationale"),
            (month: 8, day: 15, name: "Assomption"), (month: 11, day: 1, name: "Toussaint"),
            (month: 11, day: 11, name: "Armistice 1918"), (month: 12, day: 25, name: "Noël"),
        ]
        return (fixed + movable).sorted { ($0.month, $0.day) < ($1.month, $1.day) }
    }

    /// Checked on every call-time test, so it builds no list.
    public static func contains(year: Int, month: Int, day: Int) -> Bool {
        switch (month, day) {
        case (1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25): return true
        case (3...6, _):
            let easter = easterSunday(year: year)
            return [1, 39, 50].contains {
                adding(days: $0, toMonth: easter.month, day: easter.day) == (month, day)
            }
        default: return false
        }
    }

    /// Easter falls in March or April and its holidays by mid-June, so month lengths from March
    /// to June are all that is needed.
    private static func adding(days: Int, toMonth month: Int, day: Int) -> (Int, Int) {
        let lengths = [3: 31, 4: 30, 5: 31, 6: 30, 7: 31]
        var (m, d) = (month, day + days)
        while let length = lengths[m], d > length {
            d -= length
            m += 1
        }
        return (m, d)
    }
}
