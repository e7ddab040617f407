/// One year of published accounts, in euros.
public struct FinanceYear: Sendable, Equatable {
    public var year: Int
    public var revenue: Int?
    public var netIncome: Int?

    public init(year: Int, revenue: Int?, netIncome: Int?) {
        self.year = year
        self.revenue = revenue
        self.netIncome = netIncome
    }
}
