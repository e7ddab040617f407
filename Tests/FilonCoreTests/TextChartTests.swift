import FilonCore
import Testing

/// Sparklines and bars, one character per cell.
@Suite struct TextChartTests {
    @Test func aSparklineScalesToItsLargestValueAndKeepsZeroLowest() {
        #expect(TextChart.sparkline([0, 1, 6, 12, 3]) == "▁▃▅█▄")
        #expect(TextChart.sparkline([0, 2, 4, 6, 8, 10, 12]) == "▁▃▄▅▆▇█")
        #expect(TextChart.sparkline([0, 0]) == "▁▁")
        #expect(TextChart.sparkline([]) == "")
        // Any value above zero stands above the days with nothing.
        #expect(TextChart.sparkline([0, 1, 1000]) == "▁▂█")
    }

    @Test func aBarFillsItsShareToTheEighthAndPadsToItsWidth() {
        #expect(TextChart.bar(10, maximum: 10, width: 4) == "████")
        #expect(TextChart.bar(5, maximum: 10, width: 4) == "██  ")
        #expect(TextChart.bar(1, maximum: 16, width: 2) == "▏ ")
        #expect(TextChart.bar(3, maximum: 16, width: 2) == "▍ ")
        #expect(TextChart.bar(0, maximum: 10, width: 3) == "   ")
        // The smallest value above zero still shows.
        #expect(TextChart.bar(1, maximum: 1_000_000, width: 10) == "▏         ")
        #expect(TextChart.bar(20, maximum: 10, width: 2) == "██")
    }

    @Test func barsLineUpLabelsAndValuesWithinTheWidth() {
        let lines = TextChart.bars([("Nouveau", 40), ("À contacter", 10), ("Client", 0)], width: 30)
        #expect(
            lines == [
                "Nouveau      ██████████████ 40",
                "À contacter  ███▌           10",
                "Client                       0",
            ])
        #expect(lines.allSatisfy { $0.count == 30 })
    }
}
