public enum BattleVersion { public static let string = "0.1.0" }
