package org.projectspark.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** Every test class deploys the EAR the build produced, unchanged, and talks to it over HTTP. */
abstract class DeployedEar {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("spark.ear", "../spark-ear/target/spark-ear.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
