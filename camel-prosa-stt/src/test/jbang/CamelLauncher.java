/** The `camel` command as Camel JBang's own launcher script starts it, run as a Java source file. */
public class CamelLauncher {
    public static void main(String... args) {
        org.apache.camel.dsl.jbang.core.commands.CamelJBangMain.run(args);
    }
}
