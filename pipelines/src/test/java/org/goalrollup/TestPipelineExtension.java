package org.goalrollup;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Runs each JUnit 5 test method inside Beam's {@link TestPipeline} rule (Beam 2.56 ships only a
 * JUnit 4 rule), so a test that builds a graph but forgets {@code run()}, or leaves a PAssert
 * unrun, fails as it would under {@code @Rule}. Use with a non-static {@code TestPipeline} field.
 */
public final class TestPipelineExtension implements InvocationInterceptor {
  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> context,
      ExtensionContext extension)
      throws Throwable {
    Object test = extension.getRequiredTestInstance();
    TestPipeline pipeline = null;
    for (Field f : test.getClass().getDeclaredFields()) {
      if (TestPipeline.class.isAssignableFrom(f.getType())) {
        f.setAccessible(true);
        pipeline = (TestPipeline) f.get(test);
      }
    }
    if (pipeline == null) {
      invocation.proceed();
      return;
    }
    Statement body =
        new Statement() {
          @Override
          public void evaluate() throws Throwable {
            invocation.proceed();
          }
        };
    pipeline
        .apply(
            body,
            Description.createTestDescription(test.getClass(), context.getExecutable().getName()))
        .evaluate();
  }
}
