/// The command a load agent's container runs: the one place it is spelled,
/// so it follows `battle agent` when that command's flags change. Kubernetes
/// expands `$(JOB_COMPLETION_INDEX)` from the container's environment (the
/// Indexed Job's index, 0 to N-1) before the command starts; no shell is needed.
public enum AgentCommandLine {
    /// Where the agent's spec (JSON) is mounted in its container.
    public static let specDirectory = "/spec"
    public static let specFile = "agent.json"
    public static var specPath: String { specDirectory + "/" + specFile }

    /// `battle agent --spec /spec/agent.json --index $(JOB_COMPLETION_INDEX) --agents N`.
    public static func kubernetes(battle: String = "battle", agents: Int) -> [String] {
        [battle, "agent", "--spec", specPath, "--index", "$(JOB_COMPLETION_INDEX)", "--agents", String(agents)]
    }
}
