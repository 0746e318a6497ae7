package org.projectspark.platform.startup;

import java.net.InetAddress;

/** Which server instance this is, for records other instances read: host and Payara instance name. */
public final class Instance {

    private Instance() {
    }

    public static String name() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + System.getProperty("com.sun.aas.instanceName", "server");
    }
}
