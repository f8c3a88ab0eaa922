package io.ticketing.identity.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads {@code keycloak-admin-client} with RESTEasy, Jackson and the Jakarta APIs they were built
 * for in a class loader of their own, whose parent is the JDK's platform loader: Payara's Jersey
 * never sees RESTEasy's providers (which broke the deployment when they sat in WEB-INF/lib), and the
 * client never sees Payara's JAX-RS. The jars travel in WEB-INF/classes/keycloak-admin (not scanned
 * as libraries; each WAR that administers realms packs them from keycloak-realm's build: the operator
 * WAR and the storefront WAR) and are copied to a temporary folder once. Only {@link RealmAdmin}, its
 * records and {@link RealmAdminException}, in JDK types, cross between the two worlds.
 */
public final class KeycloakAdminLoader {

    private static final String FOLDER = "keycloak-admin/";
    private static final String IMPLEMENTATION = "io.ticketing.identity.admin.AdminClientRealmAdmin";
    /** What both worlds must see as the same class: the interface, its records (nested) and its exception. */
    private static final Set<String> SHARED = Set.of(RealmAdmin.class.getName(), RealmAdminException.class.getName(),
            RealmAdmin.Member.class.getName());

    private KeycloakAdminLoader() {
    }

    /** A {@link RealmAdmin} on the admin client; each call runs with the isolated loader as the thread's context loader. */
    public static RealmAdmin load(String serverUrl, String adminRealm, String clientId, String clientSecret, String username,
                           String password) {
        ClassLoader war = KeycloakAdminLoader.class.getClassLoader();
        Isolated loader = new Isolated(jars(war), war);
        RealmAdmin target = withContextLoader(loader, () -> {
            try {
                return (RealmAdmin) loader.loadClass(IMPLEMENTATION)
                        .getConstructor(String.class, String.class, String.class, String.class, String.class, String.class)
                        .newInstance(serverUrl, adminRealm, clientId, clientSecret, username, password);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("keycloak-admin-client could not be loaded", e);
            }
        });
        InvocationHandler handler = (proxy, method, args) -> withContextLoader(loader, () -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
        return (RealmAdmin) Proxy.newProxyInstance(war, new Class<?>[] {RealmAdmin.class}, handler);
    }

    private static <T> T withContextLoader(ClassLoader loader, java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The packed jars, copied out once (a class loader needs files, not jars inside the WAR). */
    private static URL[] jars(ClassLoader war) {
        try (InputStream index = war.getResourceAsStream(FOLDER + "index.txt")) {
            if (index == null) {
                throw new IllegalStateException("This WAR carries no " + FOLDER + " (build keycloak-realm first)");
            }
            Path folder = Files.createTempDirectory("keycloak-admin");
            folder.toFile().deleteOnExit();
            List<URL> urls = new ArrayList<>();
            for (String entry : new String(index.readAllBytes(), StandardCharsets.UTF_8).strip().split(",")) {
                Path jar = folder.resolve(entry.substring(entry.lastIndexOf('/') + 1));
                try (InputStream in = war.getResourceAsStream(FOLDER + jar.getFileName())) {
                    Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                }
                jar.toFile().deleteOnExit();
                urls.add(jar.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("The admin client's jars could not be unpacked", e);
        }
    }

    /** Child-first over the admin client's jars, the JDK as parent; our adapter class defined here from the WAR's bytes. */
    private static final class Isolated extends URLClassLoader {
        private final ClassLoader war;

        Isolated(URL[] jars, ClassLoader war) {
            super("keycloak-admin", jars, ClassLoader.getPlatformClassLoader());
            this.war = war;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (SHARED.contains(name)) {
                return war.loadClass(name);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && (name.equals(IMPLEMENTATION) || name.startsWith(IMPLEMENTATION + "$"))) {
                    loaded = defineFromWar(name);
                }
                return loaded != null ? loaded : super.loadClass(name, resolve);
            }
        }

        private Class<?> defineFromWar(String name) throws ClassNotFoundException {
            try (InputStream in = war.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
